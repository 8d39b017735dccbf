using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Guidance;


var builder = WebApplication.CreateBuilder(args);

// MANIFEST-COMMAND-PENDING
// The Bot Framework's usual local port, unless ASPNETCORE_URLS, --urls or Kestrel settings say otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://localhost:3978");
}

builder.Services.AddBotFramework(builder.Configuration);
builder.Services.AddGuidance();

var app = builder.Build();
app.MapBotMessages();
app.MapBotHealth();
await app.RunAsync();
return Environment.ExitCode;

/// <summary>The host; public so integration tests can start it.</summary>
public partial class Program;
