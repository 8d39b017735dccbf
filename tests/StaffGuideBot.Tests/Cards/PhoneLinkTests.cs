using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Cards;

/// <summary>
/// A real phone number is a Markdown link that dials (tel: the digits, a leading + kept, the written "(0)" of an
/// international number left out) wherever staff see it: a card's list of contacts and a text's
/// {contact.&lt;id&gt;.phone}. A sample contact keeps its plain fallback; a web address stays as written.
/// </summary>
public sealed class PhoneLinkTests
{
    private static readonly Lazy<ContentPack> LazyEngland = new(() => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")));

    private static ContentPack England => LazyEngland.Value;

    [Theory]
    [InlineData("+44 (0)20 7946 0000", "tel:+442079460000")]
    [InlineData("999", "tel:999")]
    [InlineData("116 123", "tel:116123")]
    [InlineData("0800 1111", "tel:08001111")]
    [InlineData("(01632) 960-123", "tel:01632960123")]
    [InlineData("+44 20 7946 0000", "tel:+442079460000")]
    [InlineData("(0)20 7946 0000", "tel:02079460000")]
    public void A_contacts_phone_on_a_card_is_a_link_that_dials_it(string phone, string target)
    {
        var card = StaffCards.Contacts(WithDslPhone(England, phone));

        AdaptiveCardSchema.AssertValid(card);
        Assert.Equal($"Ms Dee Ess [{phone}]({target})", FactValue(card, England.Contacts.Find("dsl")!.Role));
    }

    [Fact]
    public void An_info_steps_contacts_dial_and_a_sample_contact_among_them_keeps_its_plain_fallback()
    {
        var card = StaffCards.Step(England, England.Steps.Single(s => s.Id == "danger_action"), "d1");

        AdaptiveCardSchema.AssertValid(card);
        Assert.Equal("Emergency [999](tel:999)", FactValue(card, "Police"));
        var sample = FactValue(card, England.Contacts.Find("dsl")!.Role);
        Assert.Equal(England.NotAdded(England.Contacts.Find("dsl")!), sample);
        Assert.DoesNotContain("tel:", sample, StringComparison.Ordinal);
        Assert.DoesNotContain("](", sample, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phone_placeholder_in_a_text_dials_as_on_the_receipt()
    {
        var report = new Report
        {
            Reference = "SG-2026-0001",
            SubmittedAt = DateTimeOffset.UnixEpoch,
            StartedAt = DateTimeOffset.UnixEpoch,
            ContentVersion = England.Version,
            ContentPack = England.Id,
            Reporter = new Reporter { UserId = "u", ConversationId = "c", ServiceUrl = "https://smba.trafficmanager.net/uk/" },
            Answers = [],
            Flags = [],
        };
        var card = ReviewCards.Receipt(England, new Submission(report, DestinationReady: true), []);

        AdaptiveCardSchema.AssertValid(card);
        Assert.Contains("[08000 562 561](tel:08000562561)", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_phone_placeholder_in_a_text_is_the_fallback_without_a_link_and_a_real_one_dials()
    {
        var values = new Dictionary<string, string> { ["reference"] = "SG-2026-0001" };

        var sample = England.Text(TextKeys.DeliveryLate, values);
        var real = WithDslPhone(England, "01632 960123").Text(TextKeys.DeliveryLate, values);

        Assert.Contains(England.NotAdded(England.Contacts.Find("dsl")!), sample, StringComparison.Ordinal);
        Assert.DoesNotContain("tel:", sample, StringComparison.Ordinal);
        Assert.Contains("[01632 960123](tel:01632960123)", real, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_with_only_a_web_address_shows_it_as_a_link_named_by_its_host_that_fits_a_phone()
    {
        var ceop = England.Contacts.Find("ceop")!;
        var pack = England.WithContacts(England.Contacts with { School = [ceop] });

        var card = StaffCards.Contacts(pack);

        Assert.Equal("[ceop.police.uk](https://www.ceop.police.uk/Safety-Centre/)", FactValue(card, ceop.Role));
        Assert.Equal("[ceop.police.uk](https://www.ceop.police.uk/Safety-Centre/)", pack.Fill("{contact.ceop.url}"));
        AdaptiveCardSchema.AssertValid(card);
    }

    private static ContentPack WithDslPhone(ContentPack pack, string phone)
    {
        var school = pack.Contacts.School.Select(c => c.Id == "dsl" ? new Contact(c.Id, c.Role, "Ms Dee Ess", phone) : c);
        return pack.WithContacts(pack.Contacts with { School = [.. school] });
    }

    /// <summary>The value of the first fact titled <paramref name="title"/> in any FactSet of the card.</summary>
    private static string FactValue(JsonObject card, string title) =>
        card["body"]!.AsArray().Where(e => e?["type"]?.GetValue<string>() == "FactSet")
            .SelectMany(f => f!["facts"]!.AsArray())
            .First(f => f!["title"]!.GetValue<string>() == title)!["value"]!.GetValue<string>();
}
