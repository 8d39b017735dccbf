using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>The reporter asked to change the answers of a step from the review.</summary>
public sealed record EditRequest(string StepId);
