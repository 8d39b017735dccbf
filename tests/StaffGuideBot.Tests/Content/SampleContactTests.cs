using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// The sample contacts a pack ships with (placeholder: true, "[...]" values) never reach a member of staff: every card
/// and message that would show one shows the pack's plain fallback instead; start-up and /healthz say which are samples.
/// </summary>
public sealed class SampleContactTests : IDisposable
{
    private static readonly Lazy<ContentPack> LazyEngland = new(() => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")));
    private static readonly Lazy<ContentPack> LazyScotland = new(() => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "scotland")));

    private readonly TempDirectory _folder = new();

    private static ContentPack England => LazyEngland.Value;

    public void Dispose() => _folder.Dispose();

    /// <summary>Every card or message that shows the DSL's number (grep texts.yaml and flow.yaml for contact.dsl and "dsl" contacts).</summary>
    public static TheoryData<string> Places() => ["quick", "contacts", "danger_action", "danger_unsure", "phone_dsl_now", "delivery.late"];

    [Theory]
    [MemberData(nameof(Places))]
    public void A_sample_dsl_number_is_never_shown_and_the_fallback_is(string place)
    {
        var shown = Shown(England, place);

        Assert.DoesNotContain("[DSL phone]", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("[Name of your DSL]", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("[Deputy DSL 1 phone]", shown, StringComparison.Ordinal);
        Assert.Contains(Fallback(England, "dsl"), shown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Places))]
    public void A_real_dsl_number_is_shown_where_the_sample_was(string place)
    {
        var real = WithRealDsl(England);

        var shown = Shown(real, place);

        Assert.Contains("01632 960123", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Fallback(real, "dsl"), shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_with_a_sample_value_is_a_sample_even_without_the_placeholder_flag()
    {
        var dsl = England.Contacts.Find("dsl")!;
        var forgotten = new Contact(dsl.Id, dsl.Role, Name: "Ms Real", Phone: "[DSL phone]");

        Assert.True(forgotten.IsSample);
        Assert.True(dsl.IsSample);
        Assert.False(England.Contacts.Find("childline")!.IsSample);
    }

    [Fact]
    public void A_real_number_is_shown_even_while_the_name_is_still_a_sample_but_the_sample_name_is_not()
    {
        var dsl = England.Contacts.Find("dsl")!;
        var school = England.Contacts.School.Select(c => c.Id == "dsl" ? new Contact(c.Id, c.Role, dsl.Name, "01632 960123") : c);
        var pack = England.WithContacts(England.Contacts with { School = [.. school] });

        var shown = Shown(pack, "contacts") + pack.Fill("{contact.dsl.name} {contact.dsl.phone}");

        Assert.Contains("01632 960123", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("[Name of your DSL]", shown, StringComparison.Ordinal);
    }

    /// <summary>The school entered its DSL's number but left "placeholder: true": staff get the number, not the fallback.</summary>
    [Fact]
    public void A_real_number_is_shown_even_when_the_placeholder_flag_was_left_in()
    {
        var school = England.Contacts.School.Select(c => c.Id == "dsl" ? new Contact(c.Id, c.Role, "Ms A. Khan", "01632 960123", Placeholder: true) : c);
        var pack = England.WithContacts(England.Contacts with { School = [.. school] });

        var shown = Shown(pack, "danger_action") + pack.Fill("{contact.dsl.name} {contact.dsl.phone}");

        Assert.Contains("01632 960123", shown, StringComparison.Ordinal);
        Assert.Contains("Ms A. Khan", shown, StringComparison.Ordinal);
        Assert.True(pack.Contacts.Find("dsl")!.IsSample);
    }

    [Fact]
    public void Scotland_asks_for_its_child_protection_coordinator()
    {
        var scotland = LazyScotland.Value;

        var shown = Shown(scotland, "danger_action");

        Assert.DoesNotContain("[Child protection coordinator phone]", shown, StringComparison.Ordinal);
        Assert.Contains(Fallback(scotland, "dsl"), shown, StringComparison.Ordinal);
        Assert.Contains("Child Protection Coordinator", Fallback(scotland, "dsl"), StringComparison.Ordinal);
    }

    [Fact]
    public void Health_lists_the_sample_contacts_by_id_only()
    {
        using var library = ContentLibrary.Of(England);

        var health = library.Describe();

        var ids = health["sampleContacts"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("dsl", ids);
        Assert.Contains("deputy_dsl_1", ids);
        Assert.DoesNotContain("childline", ids);
        Assert.DoesNotContain("phone]", health.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Health_lists_none_once_the_school_has_filled_them_in()
    {
        var filled = England.WithContacts(England.Contacts with
        {
            School = [.. England.Contacts.School.Select(Real)],
            Local = [.. England.Contacts.Local.Select(Real)],
        });
        using var library = ContentLibrary.Of(filled);

        Assert.Empty(library.Describe()["sampleContacts"]!.AsArray());
    }

    [Fact]
    public async Task Start_up_warns_once_naming_the_sample_contacts_by_id()
    {
        Directory.CreateDirectory(_folder.Combine("england"));
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")))
        {
            File.Copy(file, _folder.Combine("england", Path.GetFileName(file)));
        }

        var logger = new ListLogger();
        using var library = new ContentLibrary(new ContentOptions { Folder = _folder.Path, Pack = "england" }, _folder.Path, new MemoryStorage(), TimeProvider.System, logger);

        await library.ReloadAsync();
        await library.ReloadAsync();

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("dsl, deputy_dsl_1, deputy_dsl_2", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("[", warning.Message, StringComparison.Ordinal);
    }

    private static string Fallback(ContentPack pack, string id) =>
        pack.Text(TextKeys.ContactsNotAdded, new Dictionary<string, string> { ["name"] = pack.Contacts.Find(id)!.Role });

    private static Contact Real(Contact c) => new(c.Id, c.Role, "Real name", "01632 960000", Notes: c.Notes);

    private static ContentPack WithRealDsl(ContentPack pack)
    {
        var school = pack.Contacts.School.Select(c => c.Id == "dsl" ? new Contact(c.Id, c.Role, "Ms Dee Ess", "01632 960123", Notes: c.Notes) : c);
        return pack.WithContacts(pack.Contacts with { School = [.. school] });
    }

    /// <summary>What staff see at <paramref name="place"/>: a card's JSON, or a message's text.</summary>
    private static string Shown(ContentPack pack, string place)
    {
        JsonObject card = place switch
        {
            "quick" => StaffCards.QuickGuidance(pack),
            "contacts" => StaffCards.Contacts(pack),
            "delivery.late" => new JsonObject { ["text"] = pack.Text(TextKeys.DeliveryLate, new Dictionary<string, string> { ["reference"] = "SG-2026-0001" }) },
            _ => StaffCards.Step(pack, pack.Steps.Single(s => s.Id == place), "d1"),
        };
        return card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private sealed class ListLogger : ILogger<ContentLibrary>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
