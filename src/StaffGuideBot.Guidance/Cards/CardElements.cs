using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>Small builders for Adaptive Card 1.5 elements, so card code reads as what is shown.</summary>
public static class CardElements
{
    /// <summary>
    /// The most bytes a card's JSON may have. Teams refuses a bot message over about 28 KB; the activity around the
    /// card (ids, conversation, service URL, channel data) takes 1 to 2 KB, so a card gets 26 KB. The sample answers on
    /// the review and DSL summary cards are short; real answers (up to a question's maxLength) add to them.
    /// </summary>
    public const int MaxCardBytes = 26 * 1024;

    public static JsonObject Card(JsonArray body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return card;
    }

    public static JsonObject Heading(string text, bool urgent = false)
    {
        var block = Text(text);
        block["size"] = "Large";
        block["weight"] = "Bolder";
        if (urgent)
        {
            block["color"] = "Attention";
        }

        return block;
    }

    /// <summary>Pack text (Markdown allowed).</summary>
    public static JsonObject Text(string text, bool subtle = false, bool bold = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        return block;
    }

    /// <summary>
    /// Text a user typed, shown exactly as written: a TextRun is never read as Markdown, so no one can add links,
    /// emphasis, mentions or anything that looks like part of the card.
    /// </summary>
    public static JsonObject PlainText(string text, bool bold = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray { run } };
    }

    /// <summary>Label/value rows (values are pack text, e.g. phone numbers).</summary>
    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts)
    {
        var list = new JsonArray();
        foreach (var (title, value) in facts)
        {
            list.Add(new JsonObject { ["title"] = title, ["value"] = value });
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = list };
    }

    /// <summary>
    /// Role and details of each contact (its phone as a link that dials it, else its web address as a link showing its host; both with <paramref name="phoneAndUrl"/>); a contact
    /// still holding the pack's samples shows the plain fallback instead.
    /// </summary>
    public static JsonObject ContactFacts(ContentPack pack, IEnumerable<Contact> contacts, bool phoneAndUrl = false) =>
        Facts(contacts.Select(c => (pack.Fill(c.Role), ContactValue(pack, c, phoneAndUrl))));

    private static string ContactValue(ContentPack pack, Contact contact, bool phoneAndUrl)
    {
        string?[] reach = phoneAndUrl ? [contact.Phone, contact.Url] : [contact.Phone ?? contact.Url];
        var real = reach.Select(r => Contact.Real(r) is not { } value ? null : ReferenceEquals(r, contact.Phone) ? PackText.PhoneLink(value) : PackText.UrlLink(value)).OfType<string>().ToList();
        return real.Count == 0 && reach.Any(r => r is not null)
            ? pack.NotAdded(contact)
            : string.Join(" ", new[] { Contact.Real(contact.Name) }.Concat(real).Where(v => !string.IsNullOrWhiteSpace(v)));
    }

    public static JsonObject Submit(string title, JsonObject data, bool positive = false)
    {
        var action = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
        if (positive)
        {
            action["style"] = "positive";
        }

        return action;
    }

    /// <summary>A button that reveals more detail in place.</summary>
    public static JsonObject ShowCard(string title, JsonArray body) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = body },
    };
}
