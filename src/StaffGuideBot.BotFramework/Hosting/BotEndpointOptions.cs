using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Limits of the messaging endpoint (configuration section <c>BotEndpoint</c>).</summary>
public sealed class BotEndpointOptions
{
    public const string SectionName = "BotEndpoint";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
