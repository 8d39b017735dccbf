using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class PromptTests
{
    // Wednesday 18 March 2026, 10:30 UTC.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 18, 10, 30, 0, TimeSpan.Zero));

    private sealed record AgeRange(int Min, int Max);

    /// <summary>A root dialog whose waterfall asks one prompt and ends with whatever the prompt returned.</summary>
    private static DialogHarness Ask(Func<Dialog> prompt, Func<PromptOptions> options) => new(() =>
    {
        var promptDialog = prompt();
        var host = new ComponentDialog("host");
        host.AddDialog(new WaterfallDialog("ask",
        [
            (step, ct) => step.PromptAsync(promptDialog.Id, options(), ct),
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]));
        host.AddDialog(promptDialog);
        return host;
    });

    private static PromptOptions Question(string text, string? retry = null) => new()
    {
        Prompt = Activity.CreateMessageActivity(text),
        RetryPrompt = retry is null ? null : Activity.CreateMessageActivity(retry),
    };

    /// <summary>A card submission as it arrives from the wire: no text, the value a JSON object.</summary>
    private static JsonElement Card(object data) => JsonDocument.Parse(JsonSerializer.Serialize(data)).RootElement.Clone();

    private static async Task<object?> AnswerAsync(DialogHarness harness, string? text = null, object? value = null)
    {
        await harness.SendAsync(text, value);
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        return harness.LastResult?.Result;
    }

    // ---- TextPrompt ----

    [Fact]
    public async Task Text_prompt_asks_and_returns_the_typed_answer_trimmed()
    {
        var harness = Ask(() => new TextPrompt("text"), () => Question("What happened?"));

        Assert.Equal(["What happened?"], await harness.SendAsync("report"));
        Assert.Equal("He pushed her in the queue", await AnswerAsync(harness, "  He pushed her in the queue "));
    }

    [Fact]
    public async Task Text_prompt_takes_a_card_submission_from_json_or_from_an_object()
    {
        var fromWire = Ask(() => new TextPrompt("text"), () => Question("What happened?"));
        await fromWire.SendAsync("report");
        Assert.Equal("Pushed at lunch", await AnswerAsync(fromWire, null, Card(new { answer = "Pushed at lunch", action = "submit" })));

        var fromCode = Ask(() => new TextPrompt("text"), () => Question("What happened?"));
        await fromCode.SendAsync("report");
        Assert.Equal("Pushed at lunch", await AnswerAsync(fromCode, "", new Dictionary<string, object> { ["answer"] = "Pushed at lunch" }));
    }

    [Fact]
    public async Task Text_prompt_reads_the_configured_input_id()
    {
        var harness = Ask(() => new TextPrompt("text"), () => new PromptOptions { Prompt = Activity.CreateMessageActivity("Details?"), InputId = "details" });
        await harness.SendAsync("report");

        Assert.Equal(["Details?"], await harness.SendAsync(null, Card(new { answer = "wrong input" })));
        Assert.Equal("right input", await AnswerAsync(harness, null, Card(new { details = "right input" })));
    }

    [Fact]
    public async Task Text_prompt_asks_again_after_a_blank_answer_using_the_retry_prompt()
    {
        var harness = Ask(() => new TextPrompt("text"), () => Question("What happened?", "Please describe what happened."));
        await harness.SendAsync("report");

        Assert.Equal(["Please describe what happened."], await harness.SendAsync("   "));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);
        Assert.Equal(["Please describe what happened."], await harness.SendAsync(null, Card(new { answer = "" })));
        Assert.Equal("Something", await AnswerAsync(harness, "Something"));
    }

    // ---- ConfirmPrompt ----

    [Theory]
    [InlineData("yes please", true)]
    [InlineData("Yeah", true)]
    [InlineData("no thanks", false)]
    [InlineData("Not really.", false)]
    public async Task Confirm_prompt_reads_typed_answers(string text, bool expected)
    {
        var harness = Ask(() => new ConfirmPrompt("confirm"), () => Question("Is the child at risk now?"));
        await harness.SendAsync("report");

        Assert.Equal(expected, await AnswerAsync(harness, text));
    }

    public static TheoryData<object, bool> ConfirmCards() => new()
    {
        { new { answer = true }, true },
        { new { answer = false }, false },
        { new { answer = "true" }, true },
        { new { answer = "false" }, false },
        { new { answer = "Yes" }, true },
    };

    [Theory]
    [MemberData(nameof(ConfirmCards))]
    public async Task Confirm_prompt_reads_card_submissions(object card, bool expected)
    {
        var harness = Ask(() => new ConfirmPrompt("confirm"), () => Question("Is the child at risk now?"));
        await harness.SendAsync("report");

        Assert.Equal(expected, await AnswerAsync(harness, null, Card(card)));
    }

    [Fact]
    public async Task Confirm_prompt_asks_again_after_an_unclear_answer()
    {
        var harness = Ask(() => new ConfirmPrompt("confirm"), () => Question("Is the child at risk now?", "Please answer yes or no."));
        await harness.SendAsync("report");

        Assert.Equal(["Please answer yes or no."], await harness.SendAsync("maybe"));
        Assert.Equal(["Please answer yes or no."], await harness.SendAsync(null, Card(new { answer = 7 })));
        Assert.Equal(true, await AnswerAsync(harness, "yes"));
    }

    // ---- ChoicePrompt ----

    private static PromptOptions ActionQuestion(Activity? prompt = null) => new()
    {
        Prompt = prompt ?? Activity.CreateMessageActivity("What will you do?"),
        RetryPrompt = Activity.CreateMessageActivity("Please pick one of the options."),
        Choices = [new("dsl", "Tell the DSL"), new("police", "Refer to police"), new("record", "Record only")],
    };

    [Fact]
    public async Task Choice_prompt_lists_short_choices_inline_and_reads_a_number()
    {
        var harness = Ask(() => new ChoicePrompt("choice"), () => ActionQuestion());

        Assert.Equal(["What will you do? (1) Tell the DSL, (2) Refer to police or (3) Record only"], await harness.SendAsync("report"));
        var found = Assert.IsType<FoundChoice>(await AnswerAsync(harness, "2"));
        Assert.Equal("police", found.Value);
        Assert.Equal(1, found.Index);
    }

    [Theory]
    [InlineData("Tell the DSL", "dsl")]
    [InlineData("the police", "police")]
    [InlineData("the last one", "record")]
    public async Task Choice_prompt_reads_typed_answers(string text, string expected)
    {
        var harness = Ask(() => new ChoicePrompt("choice"), () => ActionQuestion());
        await harness.SendAsync("report");

        Assert.Equal(expected, Assert.IsType<FoundChoice>(await AnswerAsync(harness, text)).Value);
    }

    [Fact]
    public async Task Choice_prompt_reads_the_value_an_input_choice_set_submits()
    {
        var harness = Ask(() => new ChoicePrompt("choice"), () => ActionQuestion());
        await harness.SendAsync("report");

        var found = Assert.IsType<FoundChoice>(await AnswerAsync(harness, null, Card(new { answer = "record" })));
        Assert.Equal(new FoundChoice { Value = "record", Index = 2, Score = 1.0, Synonym = "record" }, found);
    }

    [Fact]
    public async Task Choice_prompt_asks_again_for_an_unknown_choice_and_lists_the_choices_again()
    {
        var harness = Ask(() => new ChoicePrompt("choice"), () => ActionQuestion());
        await harness.SendAsync("report");

        Assert.Equal(["Please pick one of the options. (1) Tell the DSL, (2) Refer to police or (3) Record only"], await harness.SendAsync("banana"));
        Assert.Equal(["Please pick one of the options. (1) Tell the DSL, (2) Refer to police or (3) Record only"], await harness.SendAsync(null, Card(new { answer = "nothing" })));
        Assert.Equal("dsl", Assert.IsType<FoundChoice>(await AnswerAsync(harness, "1")).Value);
    }

    [Fact]
    public async Task Choice_prompt_leaves_a_card_prompt_alone_and_can_list_choices_one_a_line()
    {
        var card = Activity.CreateMessageActivity("Choose:");
        card.Attachments = [Attachment.AdaptiveCard(new { type = "AdaptiveCard", version = "1.5" })];
        var withCard = Ask(() => new ChoicePrompt("choice"), () => ActionQuestion(card));
        Assert.Equal(["Choose:"], await withCard.SendAsync("report"));

        var listed = Ask(() => new ChoicePrompt("choice") { Style = ListStyle.List }, () => ActionQuestion());
        Assert.Equal(["What will you do?\n\n1. Tell the DSL\n\n2. Refer to police\n\n3. Record only"], await listed.SendAsync("report"));

        var bare = Ask(() => new ChoicePrompt("choice") { Style = ListStyle.None }, () => ActionQuestion());
        Assert.Equal(["What will you do?"], await bare.SendAsync("report"));
    }

    [Fact]
    public async Task Choice_prompt_needs_choices()
    {
        var harness = Ask(() => new ChoicePrompt("choice"), () => Question("Pick?"));

        await Assert.ThrowsAsync<ArgumentException>(() => harness.SendAsync("report"));
    }

    // ---- NumberPrompt ----

    [Theory]
    [InlineData("14")]
    [InlineData("aged 14")]
    [InlineData("14 years old")]
    [InlineData("fourteen")]
    public async Task Number_prompt_reads_typed_numbers(string text)
    {
        var harness = Ask(() => new NumberPrompt<int>("age"), () => Question("How old?"));
        await harness.SendAsync("report");

        Assert.Equal(14, await AnswerAsync(harness, text));
    }

    public static TheoryData<object> AgeCards() => new() { new { answer = 14 }, new { answer = "14" }, new { answer = " 14 " }, new { answer = "fourteen" } };

    [Theory]
    [MemberData(nameof(AgeCards))]
    public async Task Number_prompt_reads_card_numbers_and_strings(object card)
    {
        var harness = Ask(() => new NumberPrompt<int>("age"), () => Question("How old?"));
        await harness.SendAsync("report");

        Assert.Equal(14, await AnswerAsync(harness, null, Card(card)));
    }

    [Fact]
    public async Task Whole_number_prompts_refuse_fractions_and_decimal_prompts_take_them()
    {
        var whole = Ask(() => new NumberPrompt<int>("age"), () => new PromptOptions { Prompt = Activity.CreateMessageActivity("How old?"), MaxAttempts = 5 });
        await whole.SendAsync("report");
        Assert.Equal(["How old?"], await whole.SendAsync("3.5"));
        Assert.Equal(["How old?"], await whole.SendAsync(null, Card(new { answer = 3.5 })));
        Assert.Equal(["How old?"], await whole.SendAsync("99999999999"));

        var hours = Ask(() => new NumberPrompt<decimal>("hours"), () => Question("How many hours?"));
        await hours.SendAsync("report");
        Assert.Equal(3.5m, await AnswerAsync(hours, "3.5"));

        var hoursCard = Ask(() => new NumberPrompt<decimal>("hours"), () => Question("How many hours?"));
        await hoursCard.SendAsync("report");
        Assert.Equal(3.5m, await AnswerAsync(hoursCard, null, Card(new { answer = 3.5 })));
    }

    [Fact]
    public async Task A_validator_can_refuse_a_recognised_value_and_its_settings_survive_a_restart()
    {
        var seen = new List<int>();
        PromptValidator<int> withinRange = (context, _) =>
        {
            var range = BotJson.ConvertOrDefault<AgeRange>(context.Options.Validations)!;
            seen.Add(context.Recognized.Value);
            return Task.FromResult(context.Recognized.Value >= range.Min && context.Recognized.Value <= range.Max);
        };
        var harness = Ask(
            () => new NumberPrompt<int>("age", withinRange),
            () => new PromptOptions
            {
                Prompt = Activity.CreateMessageActivity("How old is the child?"),
                RetryPrompt = Activity.CreateMessageActivity("Please give an age between 0 and 25."),
                Validations = new AgeRange(0, 25),
            });
        await harness.SendAsync("report");

        Assert.Equal(["Please give an age between 0 and 25."], await harness.SendAsync("30"));
        harness.Restart();
        Assert.Equal(["Please give an age between 0 and 25."], await harness.SendAsync("not sure")); // not recognised at all: the validator is not asked
        Assert.Equal(14, await AnswerAsync(harness, "14"));
        Assert.Equal([30, 14], seen);
    }

    [Fact]
    public async Task A_validator_that_answers_itself_replaces_the_retry_prompt()
    {
        PromptValidator<int> explain = async (context, ct) =>
        {
            if (context.Recognized.Value <= 25)
            {
                return true;
            }

            await context.Context.SendActivityAsync($"{context.Recognized.Value} is too old for a pupil; attempt {context.AttemptCount}.", ct);
            return false;
        };
        var harness = Ask(() => new NumberPrompt<int>("age", explain), () => Question("How old?", "Age?"));
        await harness.SendAsync("report");

        Assert.Equal(["40 is too old for a pupil; attempt 1."], await harness.SendAsync("40"));
        Assert.Equal(["Age?"], await harness.SendAsync("none of your business"));
        Assert.Equal(9, await AnswerAsync(harness, "nine"));
    }

    [Fact]
    public async Task A_validator_may_adjust_the_value()
    {
        PromptValidator<string> upper = (context, _) =>
        {
            context.Recognized.Value = context.Recognized.Value!.ToUpperInvariant();
            return Task.FromResult(true);
        };
        var harness = Ask(() => new TextPrompt("text", upper), () => Question("Initials?"));
        await harness.SendAsync("report");

        Assert.Equal("SB", await AnswerAsync(harness, "sb"));
    }

    // ---- DateTimePrompt ----

    private static DialogHarness AskWhen() =>
        Ask(() => new DateTimePrompt("when", recognizer: new DateTimeRecognizer(Clock)), () => Question("When did it happen?", "Please give a date, like 14/03/2026 or yesterday."));

    [Fact]
    public async Task Date_time_prompt_reads_typed_dates_relative_to_the_injected_clock()
    {
        var harness = AskWhen();
        await harness.SendAsync("report");

        var when = Assert.IsType<DateTimeResolution>(await AnswerAsync(harness, "yesterday at 3pm"));
        Assert.Equal(new DateOnly(2026, 3, 17), when.Date);
        Assert.Equal(new TimeOnly(15, 0), when.Time);
    }

    public static TheoryData<object, string?, string?> DateCards() => new()
    {
        { new { answer = "2026-03-14" }, "2026-03-14", null },
        { new { answer = "15:30" }, null, "15:30" },
        { new { answer = "2026-03-14", answerTime = "15:30" }, "2026-03-14", "15:30" },
        { new { answer = "2026-03-14T08:05" }, "2026-03-14", "08:05" },
        { new { answer = "last night" }, "2026-03-17", null },
    };

    [Theory]
    [MemberData(nameof(DateCards))]
    public async Task Date_time_prompt_reads_input_date_and_input_time_submissions(object card, string? date, string? time)
    {
        var harness = AskWhen();
        await harness.SendAsync("report");

        var when = Assert.IsType<DateTimeResolution>(await AnswerAsync(harness, null, Card(card)));
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), when.Date);
        Assert.Equal(time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), when.Time);
    }

    [Fact]
    public async Task Date_time_prompt_asks_again_for_unusable_answers()
    {
        var harness = AskWhen();
        await harness.SendAsync("report");

        Assert.Equal(["Please give a date, like 14/03/2026 or yesterday."], await harness.SendAsync("I don't know"));
        Assert.Equal(["Please give a date, like 14/03/2026 or yesterday."], await harness.SendAsync(null, Card(new { answer = "2026-03-14", answerTime = "teatime" })));
        Assert.Equal(new DateOnly(2026, 3, 16), Assert.IsType<DateTimeResolution>(await AnswerAsync(harness, "on Monday")).Date);
    }

    // ---- Attempts, interruptions and the prompt activity ----

    [Fact]
    public async Task After_max_attempts_the_prompt_ends_with_a_marker_and_the_count_survives_a_restart()
    {
        var harness = Ask(() => new NumberPrompt<int>("age"), () => Question("How old?", "A number, please."));
        await harness.SendAsync("report");

        Assert.Equal(["A number, please."], await harness.SendAsync("no idea"));
        Assert.Equal(["A number, please."], await harness.SendAsync("still no idea"));
        var saved = await harness.ReadSavedStackAsync();
        var prompt = saved!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]![0]!;
        Assert.Equal("age", (string?)prompt["id"]);
        Assert.Equal(2, (int?)prompt["state"]!["attempts"]);

        harness.Restart();
        Assert.Empty(await harness.SendAsync("really no idea"));

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal(new PromptRetriesExhausted("age", 3), harness.LastResult?.Result);
    }

    [Fact]
    public async Task Max_attempts_can_be_one_or_unlimited()
    {
        var once = Ask(() => new TextPrompt("text"), () => new PromptOptions { Prompt = Activity.CreateMessageActivity("Name?"), MaxAttempts = 1 });
        await once.SendAsync("report");
        Assert.Empty(await once.SendAsync(" "));
        Assert.IsType<PromptRetriesExhausted>(once.LastResult?.Result);

        var unlimited = Ask(() => new TextPrompt("text"), () => new PromptOptions { Prompt = Activity.CreateMessageActivity("Name?"), MaxAttempts = 0 });
        await unlimited.SendAsync("report");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(["Name?"], await unlimited.SendAsync(" "));
        }

        Assert.Equal("Sam", await AnswerAsync(unlimited, "Sam"));
    }

    [Fact]
    public async Task Activities_other_than_messages_are_not_answers()
    {
        var harness = Ask(() => new TextPrompt("text"), () => Question("Name?"));
        await harness.SendAsync("report");

        var reaction = harness.Adapter.MakeMessage("ignored");
        reaction.Type = ActivityTypes.MessageReaction;

        Assert.Empty(await harness.SendActivityAsync(reaction));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);
        Assert.Equal("Sam", await AnswerAsync(harness, "Sam"));
    }

    [Fact]
    public async Task After_an_interruption_ends_the_prompt_asks_its_question_again()
    {
        var harness = new DialogHarness(
            () =>
            {
                var host = new ComponentDialog("host");
                host.AddDialog(new WaterfallDialog("ask",
                [
                    (step, ct) => step.PromptAsync("text", Question("What happened?", "Please describe it."), ct),
                    (step, ct) => step.EndDialogAsync(step.Result, ct),
                ]));
                host.AddDialog(new TextPrompt("text"));
                return host;
            },
            async (h, turnContext, ct) =>
            {
                var help = new WaterfallDialog("help",
                [
                    async (step, ct2) =>
                    {
                        await step.Context.SendActivityAsync("You can type 'cancel' at any time.", ct2);
                        return await step.EndDialogAsync(null, ct2);
                    },
                ]);
                var dc = await new DialogSet(h.Accessor).Add(h.Dialog).Add(help).CreateContextAsync(turnContext, ct);
                if (turnContext.Activity.Text == "help")
                {
                    return await dc.BeginDialogAsync("help", null, ct);
                }

                var result = await dc.ContinueDialogAsync(ct);
                return result.Status == DialogTurnStatus.Empty ? await dc.BeginDialogAsync(h.Dialog.Id, null, ct) : result;
            });

        await harness.SendAsync("report");
        Assert.Equal(["You can type 'cancel' at any time.", "What happened?"], await harness.SendAsync("help"));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);
        Assert.Equal("It happened", await AnswerAsync(harness, "It happened"));
    }

    [Fact]
    public async Task Every_prompt_goes_out_as_a_fresh_activity_and_the_options_are_not_changed()
    {
        var options = Question("Name?", "Name, please?");
        var harness = Ask(() => new TextPrompt("text"), () => options);

        var first = await harness.SendActivityAsync(harness.Adapter.MakeMessage("report"));
        var second = await harness.SendActivityAsync(harness.Adapter.MakeMessage(" "));
        var third = await harness.SendActivityAsync(harness.Adapter.MakeMessage(" "));

        Assert.Equal(3, new[] { first[0].Id, second[0].Id, third[0].Id }.Distinct().Count());
        Assert.NotEqual(second[0].ReplyToId, third[0].ReplyToId);
        Assert.Null(options.Prompt!.Id);
        Assert.Null(options.Prompt.Conversation);
        Assert.Null(options.RetryPrompt!.ReplyToId);
    }

    [Fact]
    public async Task A_prompt_must_be_begun_with_prompt_options()
    {
        var harness = new DialogHarness(() =>
        {
            var host = new ComponentDialog("host");
            host.AddDialog(new WaterfallDialog("ask", [(step, ct) => step.BeginDialogAsync("text", 42, ct)]));
            host.AddDialog(new TextPrompt("text"));
            return host;
        });

        await Assert.ThrowsAsync<ArgumentException>(() => harness.SendAsync("report"));
    }
}
