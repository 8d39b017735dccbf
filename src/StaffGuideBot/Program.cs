using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Content;
using StaffGuideBot.Guidance;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Manifest;

var builder = WebApplication.CreateBuilder(args);

// `dotnet run --project src/StaffGuideBot -- manifest package` builds the Teams app zip instead of starting the bot.
if (ManifestCommand.IsManifestCommand(args))
{
    return await ManifestCommand.RunAsync(args, builder.Configuration, Console.Out, Console.Error);
}

// `dotnet run --project src/StaffGuideBot -- content validate [folder] [--strict]` checks a content pack and exits.
if (ContentCommand.IsContentCommand(args))
{
    var contentOptions = builder.Configuration.GetSection(ContentOptions.SectionName).Get<ContentOptions>() ?? new ContentOptions();
    return await ContentCommand.RunAsync(args, contentOptions, builder.Environment.ContentRootPath, Console.Out, Console.Error);
}

// The Bot Framework's usual local port, unless ASPNETCORE_URLS, --urls or Kestrel settings say otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://localhost:3978");
}

// An incomplete bot identity stops the bot before anything starts, with one line saying what is missing.
var identityProblems = AccessTokenProviderFactory.Validate(builder.Configuration.Get<BotIdentityOptions>() ?? new BotIdentityOptions());
if (identityProblems.Count > 0)
{
    await Console.Error.WriteLineAsync("StaffGuideBot cannot start, the bot identity is incomplete: " + string.Join(" ", identityProblems));
    return 1;
}

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddGuidance(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();
app.MapBotMessages();
app.MapBotHealth();
try
{
    await app.RunAsync();
}
catch (ContentPackException ex)
{
    // A broken pack never goes live: with no earlier good version to fall back on, say exactly what is wrong and where, and stop.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

return Environment.ExitCode;

/// <summary>The host; public so integration tests can start it.</summary>
public partial class Program;
