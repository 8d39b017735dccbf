using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Content;

public sealed record ContentReload(ContentReloadOutcome Outcome, ContentStatus Status);
