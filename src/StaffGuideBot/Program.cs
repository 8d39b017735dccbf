using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Content;
using StaffGuideBot.Guidance;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Hosting;
using StaffGuideBot.Manifest;
using StaffGuideBot.Operations;

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

// `dotnet run --project src/StaffGuideBot -- backup <folder>` / `backup verify <folder>` / `restore <folder>`: the state
// on SQLite, its key ring and content, with the bot's own configuration (README, "Backup and restore").
if (BackupCommand.IsBackupCommand(args))
{
    return await BackupCommand.RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath, Console.Out, Console.Error);
}

// Where to listen when ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS or Kestrel settings don't say: the platform's
// PORT, else port 8080 for a deployed bot, else the Bot Framework's usual local port.
if (ListenAddresses.Default(builder.Configuration, builder.Environment) is { } listenAddress)
{
    builder.WebHost.UseUrls(listenAddress);
}

// An incomplete bot identity, or in Production a setting a deployed bot must have, stops the bot before anything
// starts, with one line saying what is missing. A value that can't be read at all stops it the same way.
try
{
    var identityProblems = AccessTokenProviderFactory.Validate(builder.Configuration.Get<BotIdentityOptions>() ?? new BotIdentityOptions());
    if (identityProblems.Count > 0)
    {
        await Console.Error.WriteLineAsync("StaffGuideBot cannot start, the bot identity is incomplete: " + string.Join(" ", identityProblems));
        return 1;
    }

    // In Production: no local mode where others can reach it, the school's tenant named, Teams service URLs only.
    var productionProblems = ProductionRequirements.Check(builder.Configuration, builder.Environment);
    if (productionProblems.Count > 0)
    {
        await Console.Error.WriteLineAsync("StaffGuideBot cannot start in Production: " + string.Join(" ", productionProblems));
        return 1;
    }
}
catch (InvalidOperationException ex) when (ConfigurationProblems.From(ex) is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("StaffGuideBot cannot start, the configuration is invalid: " + string.Join(" ", problems));
    return 1;
}

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddGuidance(builder.Configuration, builder.Environment.ContentRootPath);
// Traces, metrics and logs to an OpenTelemetry collector and/or Application Insights, only where configured.
builder.Services.AddObservability(builder.Configuration);

// The key ring protected at rest by a certificate (a file, or Key Vault), when one is set; one that can't be used stops
// the bot with one line saying why.
IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> keyRingCertificates;
try
{
    var keyRing = builder.Configuration.GetSection(KeyRingProtectionOptions.SectionName).Get<KeyRingProtectionOptions>() ?? new KeyRingProtectionOptions();
    keyRingCertificates = await KeyRingProtection.LoadAsync(keyRing, builder.Environment.ContentRootPath);
}
catch (KeyRingProtectionException ex)
{
    await Console.Error.WriteLineAsync("StaffGuideBot cannot start, the key ring's certificate can't be used: " + ex.Message);
    return 1;
}

KeyRingProtection.Apply(builder.Services.AddDataProtection(), keyRingCertificates);

var app = builder.Build();

// Every options section is validated (ValidateOnStart): checked here, before the host starts, so that bad configuration
// stops it like an incomplete identity, with one line saying which settings are wrong.
try
{
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception ex) when (ConfigurationProblems.From(ex) is { Count: > 0 } problems)
{
    await Console.Error.WriteLineAsync("StaffGuideBot cannot start, the configuration is invalid: " + string.Join(" ", problems));
    return 1;
}

KeyRingProtection.WarnIfUnprotected(app.Services, keyRingCertificates);
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
