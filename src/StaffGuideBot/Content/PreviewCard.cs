using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Content;

/// <summary>One card of a preview: its file name (<c>NN-name.json</c>), a heading for the page, and the card.</summary>
public sealed record PreviewCard(string FileName, string Heading, JsonObject Card);
