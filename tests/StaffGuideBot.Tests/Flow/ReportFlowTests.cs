using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Content;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>The staff flow with the England pack, through the real HTTP pipeline.</summary>
public sealed class ReportFlowTests : IDisposable
{
    private const string SaveAll = ChatDriver.SaveThisChild;
    private const string KeepRecording = ChatDriver.KeepRecording;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public ReportFlowTests()
    {
        _factory = new BotApplicationFactory
        {
            Clock = _clock,
        };
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_whole_report_is_stored_field_by_field_and_the_reporter_gets_a_reference()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync("Save and add another child", new Dictionary<string, string> { ["name"] = "J.B.", ["age"] = "14", ["role"] = "shown,told", ["wellbeing"] = "distressed" });
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "K.L.", ["year_group"] = "y10", ["role"] = "shared" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["image_description"] = "A photo, described as topless", ["sexual_acts"] = "no", ["platform"] = "Snapchat" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["spread"] = "a_few", ["without_consent"] = "yes", ["device_location"] = "With the pupil", ["actions_taken"] = "Told the DSL by phone" });
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);

        await _chat.ClickAsync("Send to the DSL");

        var reference = System.Text.RegularExpressions.Regex.Match(_chat.LastText, @"SG-\d{4}-\d{4}").Value;
        Assert.Matches(@"^SG-20\d\d-0001$", reference);
        var report = (await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
        var answers = report.Answers;
        Assert.Equal("no", answers["immediate_danger"]!.GetValue<string>());
        Assert.Equal("no", answers["device_involved"]!.GetValue<string>());
        Assert.Equal("child_told", answers["came_to_attention"]!.GetValue<string>());
        Assert.Equal("2026-11-20", answers["found_out_date"]!.GetValue<string>());
        Assert.Equal("  She said: \"he's got a pic *of me*\"  ", answers["what_was_said"]!.GetValue<string>());
        var children = answers["children"]!.AsArray();
        Assert.Equal(2, children.Count);
        Assert.Equal("J.B.", children[0]!["name"]!.GetValue<string>());
        Assert.Equal(14m, children[0]!["age"]!.GetValue<decimal>());
        Assert.Equal(["shown", "told"], children[0]!["role"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("y10", children[1]!["year_group"]!.GetValue<string>());
        Assert.Equal("Snapchat", answers["platform"]!.GetValue<string>());
        Assert.Equal(["distressed"], children[0]!["wellbeing"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("Told the DSL by phone", answers["actions_taken"]!.GetValue<string>());
        Assert.DoesNotContain("seen_when_how", answers);
        Assert.Equal("Alex Wilber", report.Reporter.Name);
        Assert.Equal("user-object-not-a-guid", report.Reporter.AadObjectId);
        Assert.Equal(8, report.ContentVersion.Length);
        Assert.Contains("shared_without_consent", report.Flags);
        Assert.DoesNotContain("sexual_acts_under_13", report.Flags);
        var outbox = await _factory.Services.GetRequiredService<IStorage>().ReadAsync([$"outbox/{reference}"]);
        Assert.Single(outbox);
    }

    [Fact]
    public async Task A_case_with_an_adult_involved_shows_the_adult_flag_on_the_review()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "A", ["age"] = "15" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "yes", ["adult_details"] = "A man she met online" });
        await _chat.WalkToReviewAsync();

        var review = _chat.LastText;
        Assert.Contains("flagged to the DSL as urgent", review, StringComparison.Ordinal);
        Assert.Contains("adult", review, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("under 13", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_under_13_and_sexual_acts_show_the_under_13_flag_on_the_review()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "B", ["year_group"] = "y7", ["role"] = "shown" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["sexual_acts"] = "yes" });
        await _chat.ClickAsync("Next");

        // One of the five points: phone the DSL now, then carry on.
        Assert.Contains("Phone the DSL now", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync(KeepRecording);

        Assert.Contains("under 13", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("An adult", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Immediate_danger_shows_999_and_the_dsl_at_once_and_the_report_carries_on()
    {
        await _chat.SayAsync("I've heard something");
        await _chat.ClickAsync("Report a concern now");

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["immediate_danger"] = "yes", ["came_to_attention"] = "child_told" });

        Assert.Contains("999", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Attention\"", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync(KeepRecording);
        Assert.Contains("How to respond", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Having_seen_an_image_is_recorded_without_judgement()
    {
        await _chat.SayAsync("help");
        await _chat.ClickAsync("Report a concern now");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["immediate_danger"] = "no", ["came_to_attention"] = "found_or_saw" });
        await _chat.ClickAsync("I understand");

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["device_involved"] = "no", ["already_seen"] = "yes" });

        Assert.Contains("not your fault", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync("Save and continue", new Dictionary<string, string> { ["seen_when_how"] = "Held up before I could stop it" });
        Assert.Contains("What you know", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_field_left_empty_is_asked_for_by_name_and_nothing_moves_on()
    {
        await WalkToAccountAsync();

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = "He sent it round" });

        Assert.Contains("Please fill in: Date you found out", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("What you know", _chat.LastText, StringComparison.Ordinal);
        Assert.Equal("He sent it round", ChatDriver.InputValues(_chat.LastCard)["what_was_said"]);
    }

    [Fact]
    public async Task Every_form_field_can_be_answered_by_typing()
    {
        await _chat.SayAsync("help");
        await _chat.ClickAsync("Report a concern now");

        await _chat.SayAsync("no");
        Assert.Contains("Please fill in: How did this come to you.", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("a friend told me");
        Assert.Contains("Never look at or share the image", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("ok");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["device_involved"] = "no", ["already_seen"] = "no" });
        await _chat.SayAsync("yesterday");

        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_answer_that_cannot_be_understood_repeats_the_question()
    {
        await _chat.SayAsync("help");
        await _chat.ClickAsync("Report a concern now");

        // Text that answers nothing on the form: the first question is asked on its own, then again if still not understood.
        await _chat.SayAsync("purple");
        Assert.Contains("couldn't tell", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("purple");

        Assert.Contains("didn't understand", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Could a child be in danger right now?", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("nope");
        Assert.Contains("How did this come to you?", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("child told me");
        Assert.Contains("How to respond", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pressing_a_button_on_an_old_card_explains_and_shows_the_current_step()
    {
        await _chat.SayAsync("help");
        await _chat.ClickAsync("Report a concern now");
        var dangerNext = _chat.LastCard["actions"]![0]!["data"]!.AsObject();
        await _chat.SayAsync("no, they told me");
        await _chat.ClickAsync("Next");

        await _chat.SubmitAsync(dangerNext, new Dictionary<string, string> { ["immediate_danger"] = "yes", ["came_to_attention"] = "child_told" });

        Assert.Contains("earlier card", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Never look at or share the image", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync("I understand");
        Assert.Contains("Has a phone or other device", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_asks_first_and_never_silently_throws_a_draft_away()
    {
        await WalkToAccountAsync();

        await _chat.SayAsync("cancel");
        Assert.Contains("Delete this draft?", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync("No, keep it");
        Assert.Contains("Your draft is kept", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("What you know", _chat.LastText, StringComparison.Ordinal);

        await _chat.SayAsync("cancel");
        await _chat.ClickAsync("Yes, delete it");
        Assert.Contains("nothing was sent", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("hello");
        Assert.Contains("Report a concern now", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_on_the_review_changes_one_section_and_comes_back_to_the_review()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "A", ["age"] = "15" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        Assert.DoesNotContain("An adult", _chat.LastText, StringComparison.Ordinal);

        var editAdult = _chat.LastCard["body"]!.AsArray()
            .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
            .Select(e => e!["actions"]![0]!["data"]!.AsObject())
            .Single(d => d["target"]!.GetValue<string>() == "adult");
        await _chat.SubmitAsync(editAdult);
        Assert.Contains("adult_involved", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "yes" });

        // The DSL call-now card appears (newly relevant), then straight back to the review.
        Assert.Contains("Phone the DSL now", _chat.LastText, StringComparison.OrdinalIgnoreCase);
        await _chat.ClickAsync(KeepRecording);
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("adult", _chat.LastText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Editing_the_children_from_the_review_keeps_every_child_until_one_is_removed()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync("Save and add another child", new Dictionary<string, string> { ["name"] = "Ayo T.", ["age"] = "15" });
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Bea K.", ["year_group"] = "y10", ["role"] = "shared" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();

        await _chat.SubmitAsync(EditData("children"));

        // Both children are listed, each with Change and Remove; nothing has changed yet.
        var list = _chat.LastCard.ToJsonString();
        Assert.Contains("Ayo T.", list, StringComparison.Ordinal);
        Assert.Contains("Bea K.", list, StringComparison.Ordinal);
        Assert.Equal(2, ActionsTitled(_chat.LastCard, "Change").Count);
        Assert.Equal(2, ActionsTitled(_chat.LastCard, "Remove").Count);

        // Change opens that child's form pre-filled and saves over that child only.
        await _chat.SubmitAsync(ActionsTitled(_chat.LastCard, "Change")[1]);
        Assert.Equal("Bea K.", ChatDriver.InputValues(_chat.LastCard)["name"]);
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["year_group"] = "y11" });

        // Add another, then remove only that one.
        await _chat.ClickAsync("Add another child");
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Cal M." });
        Assert.Equal(3, ActionsTitled(_chat.LastCard, "Remove").Count);
        await _chat.SubmitAsync(ActionsTitled(_chat.LastCard, "Remove")[2]);
        Assert.DoesNotContain("Cal M.", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);

        await _chat.ClickAsync("Done");
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Ayo T.", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Bea K.", _chat.LastText, StringComparison.Ordinal);

        var children = (await SendAndFindAsync()).Answers["children"]!.AsArray();
        Assert.Equal(2, children.Count);
        Assert.Equal("Ayo T.", children[0]!["name"]!.GetValue<string>());
        Assert.Equal(15m, children[0]!["age"]!.GetValue<decimal>());
        Assert.Equal("Bea K.", children[1]!["name"]!.GetValue<string>());
        Assert.Equal("y11", children[1]!["year_group"]!.GetValue<string>());
        Assert.Equal(["shared"], children[1]!["role"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task The_last_child_is_not_removed_and_the_bot_says_why()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        await _chat.SubmitAsync(EditData("children"));

        await _chat.ClickAsync("Remove");

        Assert.Contains("at least one", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Ayo T.", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync("Done");
        Assert.Contains("Ayo T.", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_emptied_when_editing_is_cleared_and_the_flag_built_on_it_goes()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Ayo T.", ["wellbeing"] = "distressed,self_harm" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["adult_details"] = "Not that I know of" });
        await _chat.ClickAsync("Next");
        await _chat.ClickAsync(KeepRecording);
        Assert.Contains("talked about self-harm", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Talked about self-harm", _chat.LastText, StringComparison.Ordinal);

        await _chat.SubmitAsync(EditData("children"));
        await _chat.SubmitAsync(ActionsTitled(_chat.LastCard, "Change")[0]);
        Assert.Contains("self_harm", ChatDriver.InputValues(_chat.LastCard)["wellbeing"], StringComparison.Ordinal);
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["wellbeing"] = string.Empty });
        await _chat.ClickAsync("Done");
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("talked about self-harm", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Talked about self-harm", _chat.LastText, StringComparison.Ordinal);

        await _chat.SubmitAsync(EditData("adult"));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_details"] = string.Empty });
        Assert.DoesNotContain("Not that I know of", _chat.LastText, StringComparison.Ordinal);

        var report = await SendAndFindAsync();
        Assert.DoesNotContain("wellbeing", report.Answers["children"]![0]!.AsObject());
        Assert.DoesNotContain("adult_details", report.Answers);
        Assert.Equal("no", report.Answers["adult_involved"]!.GetValue<string>());
        Assert.DoesNotContain("immediate_risk", report.Flags);
    }

    [Fact]
    public async Task A_submit_processed_twice_changes_the_draft_once()
    {
        await WalkToChildrenAsync();
        var child = new Dictionary<string, string> { ["name"] = "Ayo T.", ["age"] = "15" };
        var saveAndAdd = ((JsonArray)_chat.LastCard["actions"]!).Select(a => a!["data"]!.AsObject()).Single(d => d["action"]!.GetValue<string>() == "another");
        await _chat.SubmitAsync(saveAndAdd, child);
        var nextChild = _chat.LastCard;
        var secondPress = await _chat.SubmitAsync(saveAndAdd, child);
        Assert.Empty(secondPress);

        // The card for a further child: stopping here adds nothing (its inputs are not sent, nor checked).
        var noMore = ((JsonArray)nextChild["actions"]!).Single(a => a!["title"]!.GetValue<string>() == "No, that's everyone")!;
        Assert.Equal("none", noMore["associatedInputs"]!.GetValue<string>());
        await _chat.ClickAsync("No, that's everyone");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        Assert.Contains("Child 1", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Child 2", _chat.LastText, StringComparison.Ordinal);

        var editChildren = EditData("children");
        await _chat.SubmitAsync(editChildren);
        await _chat.SubmitAsync(editChildren);
        Assert.Empty(_chat.LastReplies);
        await _chat.ClickAsync("Done");
        await _chat.ClickAsync("Done");
        Assert.Empty(_chat.LastReplies);

        var report = await SendAndFindAsync();
        Assert.Single(report.Answers["children"]!.AsArray());
    }

    [Fact]
    public async Task Each_child_takes_one_card_and_the_last_allowed_child_has_no_add_another_button()
    {
        await WalkToChildrenAsync();
        var first = ActionTitles(_chat.LastCard);
        Assert.Equal([SaveAll, "Save and add another child"], first);

        var max = England.Steps.Single(s => s.Id == "children").Max;
        for (var i = 1; i < max; i++)
        {
            await _chat.ClickAsync("Save and add another child", new Dictionary<string, string> { ["name"] = $"C{i}" });
            Assert.Contains("\"name\"", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain($"C{i}", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        }

        // The card for the last child the step allows: save it, or stop.
        Assert.Equal([SaveAll, "No, that's everyone"], ActionTitles(_chat.LastCard));
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = $"C{max}" });
        Assert.Contains("adult_involved", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        Assert.Equal(max, (await SendAndFindAsync()).Answers["children"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_child_typed_in_is_followed_by_the_add_another_question_and_typed_no_more_ends_the_list()
    {
        await WalkToChildrenAsync();
        await _chat.SayAsync("done");
        Assert.Equal(["name"], ChatDriver.InputValues(_chat.LastCard).Keys.Concat(_chat.LastCard["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).OfType<string>()).Distinct());
        await _chat.SayAsync("Ayo T.");
        Assert.Contains("Is there another child to add?", _chat.LastText, StringComparison.Ordinal);
        await _chat.SayAsync("yes");
        Assert.Contains("No, that's everyone", ActionTitles(_chat.LastCard));

        // On the empty card for a further child, "no" stops without adding one.
        await _chat.SayAsync("no");
        Assert.Contains("adult_involved", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        var children = (await SendAndFindAsync()).Answers["children"]!.AsArray();
        Assert.Equal("Ayo T.", Assert.Single(children)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_press_on_an_earlier_child_card_gets_the_stale_click_answer_and_the_current_card()
    {
        await WalkToChildrenAsync();
        var firstCard = _chat.LastCard;
        await _chat.ClickAsync("Save and add another child", new Dictionary<string, string> { ["name"] = "Ayo T." });
        var saveOnFirst = ((JsonArray)firstCard["actions"]!).Select(a => a!["data"]!.AsObject()).Single(d => d["action"]!.GetValue<string>() == "submit");
        await _chat.SubmitAsync(saveOnFirst, new Dictionary<string, string> { ["name"] = "Ayo T." });
        Assert.Contains(England.Text(TextKeys.StaleClick), _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("No, that's everyone", ActionTitles(_chat.LastCard));
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Bea K." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        Assert.Equal(2, (await SendAndFindAsync()).Answers["children"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_double_send_makes_one_report()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();

        await _chat.ClickAsync("Send to the DSL");
        await _chat.ClickAsync("Send to the DSL");

        var store = _factory.Services.GetRequiredService<IReportStore>();
        Assert.NotNull(await store.FindAsync("SG-2026-0001"));
        Assert.Null(await store.FindAsync("SG-2026-0002"));
        Assert.DoesNotContain("Your reference is", _chat.LastText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("J, a boy aged 14", 14, false)]
    [InlineData("K, 12 years old, Y7", 12, true)]
    public async Task A_typed_child_description_fills_only_what_it_clearly_says_and_the_form_asks_the_rest(string typed, int age, bool under13)
    {
        await WalkToChildrenAsync();

        await _chat.SayAsync(typed);

        Assert.Contains("I've noted", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Please fill in: Name or initials", _chat.LastText, StringComparison.Ordinal);
        var form = ChatDriver.InputValues(_chat.LastCard);
        Assert.DoesNotContain("name", form);
        Assert.Equal(age.ToString(System.Globalization.CultureInfo.InvariantCulture), form["age"]);
        var inputs = _chat.LastCard["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).ToList();
        Assert.Contains("role", inputs);
        Assert.Contains("year_group", inputs);

        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = typed[..1], ["role"] = "shown" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["sexual_acts"] = "yes" });

        // On to the review. Under 13 with sexual acts is one of the five points: the "phone the DSL now" step shows on the way.
        Assert.Equal(under13, await _chat.WalkToReviewAsync());
        Assert.Equal(under13, _chat.LastText.Contains("under 13", StringComparison.Ordinal));

        var child = (await SendAndFindAsync()).Answers["children"]!.AsArray().Single()!;
        Assert.Equal(typed[..1], child["name"]!.GetValue<string>());
        Assert.Equal(age, child["age"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_typed_date_and_time_for_the_date_asked_keeps_the_time()
    {
        await WalkToAccountAsync("friend_told");

        // Text that answers nothing clearly is not kept; the required date is asked on its own.
        await _chat.SayAsync("hmm");
        Assert.Contains("couldn't tell", _chat.LastText, StringComparison.Ordinal);
        Assert.Equal(["found_out_date"], _chat.LastCard["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).OfType<string>());

        await _chat.SayAsync("yesterday at 3pm");

        Assert.Contains("15:00", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
        var report = await FinishFromChildrenAsync();
        Assert.Equal("friend_told", report.Answers["came_to_attention"]!.GetValue<string>());
        Assert.Equal("2026-11-19", report.Answers["found_out_date"]!.GetValue<string>());
        Assert.Equal("15:00", report.Answers["found_out_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_asked_on_its_own_and_sent_from_its_card_changes_only_that_field()
    {
        await WalkToAccountAsync("friend_told");
        await _chat.SayAsync("hmm");

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["found_out_date"] = "2026-11-18" });

        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
        var report = await FinishFromChildrenAsync();
        Assert.Equal("friend_told", report.Answers["came_to_attention"]!.GetValue<string>());
        Assert.Equal("2026-11-18", report.Answers["found_out_date"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_typed_reply_to_the_whole_form_fills_the_date_and_the_time()
    {
        await WalkToAccountAsync();

        await _chat.SayAsync("yesterday at 3pm");

        Assert.Contains("I've noted", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Please fill in: What did the child say? Their own words, as far as you can.", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("as far as you can..", _chat.LastText, StringComparison.Ordinal); // the label's own full stop isn't doubled
        var form = ChatDriver.InputValues(_chat.LastCard);
        Assert.Equal("2026-11-19", form["found_out_date"]);
        Assert.Equal("15:00", form["found_out_time"]);
        Assert.DoesNotContain("found_out_where", form);
    }

    [Theory]
    [InlineData("adult_involved", "adult_involved")]
    [InlineData("sexual_acts", "sexual_acts_under_13")]
    [InlineData("violence_or_unusual", "unusual_or_violent_content")]
    [InlineData("capacity_doubts", "coercion_or_capacity")]
    public async Task Not_sure_to_one_of_the_five_points_asks_to_phone_the_dsl_and_flags_it_as_possible(string question, string flag)
    {
        string Answer(string id) => id == question ? "unsure" : "no";
        await WalkToChildrenAsync();
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "B", ["year_group"] = "y7", ["role"] = "told", ["capacity_doubts"] = Answer("capacity_doubts") });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = Answer("adult_involved"), ["sexual_acts"] = Answer("sexual_acts"), ["violence_or_unusual"] = Answer("violence_or_unusual") });
        await _chat.ClickAsync("Next");

        Assert.Contains("Phone the DSL now", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync(KeepRecording);

        await AssertPossibleOnReviewAndStoredAsync(flag);
    }

    [Fact]
    public async Task Not_sure_to_immediate_danger_says_phone_the_dsl_now_and_is_a_possible_urgent_flag()
    {
        await _chat.SayAsync("I've heard something");
        await _chat.ClickAsync("Report a concern now");

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["immediate_danger"] = "unsure", ["came_to_attention"] = "child_told" });

        // Phone the DSL at once; 999 only if a child is at risk now (not the "call 999 now" of a clear yes).
        Assert.Contains("**phone the DSL now**", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("If a child is at risk of harm right now, call 999", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Call 999 now", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("\"color\":\"Attention\"", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        await _chat.ClickAsync(KeepRecording);
        await _chat.ClickAsync("Next");
        await _chat.ClickAsync("I understand");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["device_involved"] = "no", ["already_seen"] = "no" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = "words", ["found_out_date"] = "2026-11-20" });
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "A", ["age"] = "15" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();

        await AssertPossibleOnReviewAndStoredAsync("immediate_risk");
    }

    [Fact]
    public async Task A_child_aged_18_with_the_adult_question_answered_no_is_an_adult_involved_and_the_review_asks_to_check()
    {
        await WalkToChildrenAsync();
        await _chat.ClickAsync("Save and add another child", new Dictionary<string, string> { ["name"] = "A", ["age"] = "15", ["role"] = "told" });
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "M", ["age"] = "18", ["role"] = "received" });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.ClickAsync("Next");

        Assert.Contains("Phone the DSL now", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync(KeepRecording);

        var urgent = Texts(Block(_chat.LastCard, "attention")!);
        Assert.Contains(urgent, t => t.Contains(England.Indicators.Single(i => i.Id == "adult_involved").Because, StringComparison.Ordinal));

        // The answers conflict: a plain note asks to check them, with Edit to the adult step.
        var body = _chat.LastCard["body"]!.AsArray().OfType<JsonObject>().ToList();
        var note = Assert.Single(body, o => o["id"]?.GetValue<string>() == "check-adult_age");
        Assert.Contains("18 or over", Texts(note)[0], StringComparison.Ordinal);
        var edit = body.SkipWhile(o => o != note).First(o => o["type"]!.GetValue<string>() == "ActionSet")["actions"]![0]!["data"]!.AsObject();
        Assert.Equal("adult", edit["target"]!.GetValue<string>());
        await _chat.SubmitAsync(edit);
        Assert.Contains("adult_involved", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task AssertPossibleOnReviewAndStoredAsync(string flag)
    {
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        var indicator = England.Indicators.Single(i => i.Id == flag);
        var urgent = Texts(Block(_chat.LastCard, "attention")!);
        Assert.Contains(urgent, t => t.Contains(England.Fill(indicator.PossibleBecause!), StringComparison.Ordinal));

        await _chat.ClickAsync("Send to the DSL");

        // The receipt repeats the urgent block, the possible point worded as possible.
        var receiptUrgent = Texts(Block(_chat.LastCard, "attention")!);
        Assert.Contains(receiptUrgent, t => t.Contains(England.Fill(indicator.PossibleBecause!), StringComparison.Ordinal));
        var reference = System.Text.RegularExpressions.Regex.Match(_chat.LastText, @"SG-\d{4}-\d{4}").Value;
        var report = (await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
        Assert.Contains(flag, report.Flags);
        Assert.Contains(flag, report.PossibleFlags!);
    }

    private static ContentPack England => LazyEngland.Value;

    private static readonly Lazy<ContentPack> LazyEngland = new(() =>
        ContentPackLoader.Load(Path.Combine(Support.SharedSchemas.RepositoryRoot, "dialogs", "england")));

    private static JsonObject? Block(JsonObject card, string style) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(o => o["type"]?.GetValue<string>() == "Container" && o["style"]?.GetValue<string>() == style);

    private static List<string> Texts(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o when o["type"]?.GetValue<string>() == "TextRun" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Texts(p.Value)).ToList(),
        JsonArray a => a.SelectMany(n => n is null ? [] : Texts(n)).ToList(),
        _ => [],
    };

    private Task WalkToAccountAsync(string cameToAttention = "child_told") => _chat.WalkToFactsAsync("a pupil told me something", cameToAttention);

    private Task WalkToChildrenAsync() => _chat.WalkToChildrenAsync("  She said: \"he's got a pic *of me*\"  ", "a pupil told me something");

    private JsonObject EditData(string target) => _chat.LastCard["body"]!.AsArray()
        .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
        .Select(e => e!["actions"]![0]!["data"]!.AsObject())
        .Single(d => d["target"]?.GetValue<string>() == target);

    private static List<string> ActionTitles(JsonObject card) =>
        [.. ((JsonArray)card["actions"]!).Select(a => a!["title"]!.GetValue<string>())];

    private static List<JsonObject> ActionsTitled(JsonObject card, string title) => card["body"]!.AsArray()
        .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
        .SelectMany(e => e!["actions"]!.AsArray())
        .Where(a => a?["title"]?.GetValue<string>() == title)
        .Select(a => a!["data"]!.AsObject())
        .ToList();

    private async Task<Report> SendAndFindAsync()
    {
        await _chat.ClickAsync("Send to the DSL");
        var reference = System.Text.RegularExpressions.Regex.Match(_chat.LastText, @"SG-\d{4}-\d{4}").Value;
        return (await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
    }

    private async Task<Report> FinishFromChildrenAsync()
    {
        await _chat.ClickAsync(SaveAll, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
        return await SendAndFindAsync();
    }
}
