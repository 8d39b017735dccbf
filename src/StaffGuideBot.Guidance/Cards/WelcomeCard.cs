using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>The greeting shown on a first message in personal chat, until the staff flow replaces it.</summary>
public static class WelcomeCard
{
    /// <summary>The card's one action posts this in its data.</summary>
    public const string MoreAction = "welcome.more";

    public const string ButtonTitle = "What will you help with?";

    public static JsonObject Create(string? firstName) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = "Welcome to StaffGuideBot",
                ["size"] = "Large",
                ["weight"] = "Bolder",
                ["wrap"] = true,
            },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = string.IsNullOrWhiteSpace(firstName)
                    ? "I help school staff respond safely when they hear that nude or semi-nude images are being shared."
                    : $"Hello {firstName}. I help school staff respond safely when they hear that nude or semi-nude images are being shared.",
                ["wrap"] = true,
            },
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = "If a child is in immediate danger, call 999 now, then tell your Designated Safeguarding Lead.",
                ["weight"] = "Bolder",
                ["color"] = "Attention",
                ["wrap"] = true,
            },
        },
        ["actions"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "Action.Submit",
                ["title"] = ButtonTitle,
                ["data"] = new JsonObject { ["action"] = MoreAction },
            },
        },
    };

    /// <summary>The answer to the card's button.</summary>
    public const string MoreText =
        "When a pupil tells you that images are being shared, I will guide you step by step: what to say and what not to say, " +
        "why you must not look at, copy, forward or delete any image, how to write down the key facts, and how to pass " +
        "everything to your Designated Safeguarding Lead straight away. I never ask for images and never keep them.";
}
