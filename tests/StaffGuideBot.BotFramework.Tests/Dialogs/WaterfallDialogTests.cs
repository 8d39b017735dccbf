using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class WaterfallDialogTests
{
    private sealed record IntakeOptions(string Topic);

    private sealed record Person(string Name, int Age, DateOnly SeenOn);

    /// <summary>Asks two questions without prompts (each step waits for the next message) and ends with a summary.</summary>
    private static WaterfallDialog BuildIntake() => new("intake",
    [
        async (step, ct) =>
        {
            await step.Context.SendActivityAsync("What is the child's name?", ct);
            return Dialog.EndOfTurn;
        },
        async (step, ct) =>
        {
            step.Values["name"] = (string?)step.Result;
            await step.Context.SendActivityAsync($"How old is {step.Values["name"]}?", ct);
            return Dialog.EndOfTurn;
        },
        async (step, ct) =>
        {
            var topic = step.GetOptions<IntakeOptions>()?.Topic ?? "none";
            return await step.EndDialogAsync($"{step.Values["name"]}, {step.Result}, {topic}", ct);
        },
    ]);

    [Fact]
    public async Task Steps_run_one_per_turn_and_values_carry_between_them()
    {
        var harness = new DialogHarness(BuildIntake);

        Assert.Equal(["What is the child's name?"], await harness.SendAsync("hello"));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        Assert.Equal(["How old is Sam?"], await harness.SendAsync("Sam"));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        Assert.Empty(await harness.SendAsync("14"));
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("Sam, 14, none", harness.LastResult?.Result);

        var saved = await harness.ReadSavedStackAsync();
        Assert.Empty(saved!["dialogStack"]!.AsArray());
    }

    [Fact]
    public async Task A_conversation_continues_at_the_right_step_after_a_restart()
    {
        var harness = new DialogHarness(BuildIntake) { BeginOptions = new IntakeOptions("bullying") };
        await harness.SendAsync("hello");
        await harness.SendAsync("Sam");

        var saved = await harness.ReadSavedStackAsync();
        var instance = saved!["dialogStack"]![0]!;
        Assert.Equal("intake", (string?)instance["id"]);
        Assert.Equal(1, (int?)instance["state"]!["stepIndex"]);
        Assert.Equal("Sam", (string?)instance["state"]!["values"]!["name"]);

        harness.Restart();

        Assert.Empty(await harness.SendAsync("14"));
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("Sam, 14, bullying", harness.LastResult?.Result);
    }

    [Fact]
    public async Task Objects_kept_in_values_come_back_after_a_restart()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            (step, _) =>
            {
                step.SetValue("person", new Person("Sam", 14, new DateOnly(2026, 3, 14)));
                step.Values["tags"] = new JsonArray("a", "b");
                return Task.FromResult(Dialog.EndOfTurn);
            },
            (step, ct) => step.EndDialogAsync((step.GetValue<Person>("person"), step.GetValue<string[]>("tags"), step.GetValue<Person>("missing")), ct),
        ]));

        await harness.SendAsync("start");
        harness.Restart();
        await harness.SendAsync("go on");

        var (person, tags, missing) = ((Person?, string[]?, Person?))harness.LastResult!.Result!;
        Assert.Equal(new Person("Sam", 14, new DateOnly(2026, 3, 14)), person);
        Assert.Equal(["a", "b"], tags!);
        Assert.Null(missing);
    }

    [Fact]
    public async Task NextAsync_moves_on_in_the_same_turn_and_the_last_step_result_ends_the_dialog()
    {
        var reasons = new List<DialogReason>();
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            (step, ct) =>
            {
                reasons.Add(step.Reason);
                return step.NextAsync("from step 0", ct);
            },
            (step, ct) =>
            {
                reasons.Add(step.Reason);
                Assert.Equal(1, step.Index);
                return step.NextAsync($"{step.Result} via step 1", ct);
            },
        ]));

        await harness.SendAsync("go");

        Assert.Equal([DialogReason.BeginCalled, DialogReason.NextCalled], reasons);
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("from step 0 via step 1", harness.LastResult?.Result);
    }

    [Fact]
    public async Task NextAsync_cannot_be_called_twice_in_one_step()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            async (step, ct) =>
            {
                await step.NextAsync(null, ct);
                return await step.NextAsync(null, ct);
            },
            (step, _) => Task.FromResult(Dialog.EndOfTurn),
        ]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.SendAsync("go"));
    }

    [Fact]
    public async Task A_card_submission_to_a_waiting_step_is_handed_on_as_the_value()
    {
        var harness = new DialogHarness(() => new WaterfallDialog("w",
        [
            (step, _) => Task.FromResult(Dialog.EndOfTurn),
            (step, ct) => step.EndDialogAsync(BotJson.ConvertOrDefault<Dictionary<string, string>>(step.Result), ct),
        ]));

        await harness.SendAsync("start");
        await harness.SendActivityAsync(harness.Adapter.MakeMessage(null, JsonSerializer.SerializeToElement(new { answer = "card" })));

        var result = Assert.IsType<Dictionary<string, string>>(harness.LastResult?.Result);
        Assert.Equal("card", result["answer"]);
    }

    [Fact]
    public async Task Activities_other_than_messages_do_not_move_a_waiting_waterfall_on()
    {
        var harness = new DialogHarness(BuildIntake);
        await harness.SendAsync("hello");

        var update = harness.Adapter.MakeMessage();
        update.Type = ActivityTypes.ConversationUpdate;
        var replies = await harness.SendActivityAsync(update);

        Assert.Empty(replies);
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);
        Assert.Equal(["How old is Sam?"], await harness.SendAsync("Sam"));
    }

    [Fact]
    public async Task A_component_inside_a_waterfall_returns_its_result_to_the_next_step_even_across_a_restart()
    {
        static Dialog Build()
        {
            var details = new ComponentDialog("details");
            details.AddDialog(new WaterfallDialog("detailsSteps",
            [
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync("Name?", ct);
                    return Dialog.EndOfTurn;
                },
                async (step, ct) =>
                {
                    step.Values["name"] = (string?)step.Result;
                    await step.Context.SendActivityAsync("Age?", ct);
                    return Dialog.EndOfTurn;
                },
                (step, ct) => step.EndDialogAsync(new Person((string)step.Values["name"]!, int.Parse((string)step.Result!, System.Globalization.CultureInfo.InvariantCulture), default), ct),
            ]));

            var report = new ComponentDialog("report");
            report.AddDialog(new WaterfallDialog("reportSteps",
            [
                (step, ct) => step.BeginDialogAsync("details", null, ct),
                async (step, ct) =>
                {
                    var person = Assert.IsType<Person>(step.Result);
                    step.SetValue("person", person);
                    await step.Context.SendActivityAsync($"Thanks, {person.Name} ({person.Age}). Anything else?", ct);
                    return Dialog.EndOfTurn;
                },
                (step, ct) => step.EndDialogAsync($"{step.GetValue<Person>("person")!.Name}: {step.Result}", ct),
            ]));
            report.AddDialog(details);
            return report;
        }

        var harness = new DialogHarness(Build);

        Assert.Equal(["Name?"], await harness.SendAsync("report"));
        harness.Restart();
        Assert.Equal(["Age?"], await harness.SendAsync("Sam"));

        // The inner stacks are saved inside the components' instance state.
        var saved = await harness.ReadSavedStackAsync();
        var outer = saved!["dialogStack"]![0]!;
        Assert.Equal("report", (string?)outer["id"]);
        var reportInner = outer["state"]!["dialogs"]!["dialogStack"]!.AsArray();
        Assert.Equal(["details", "reportSteps"], reportInner.Select(i => (string)i!["id"]!));
        Assert.Equal("detailsSteps", (string?)reportInner[0]!["state"]!["dialogs"]!["dialogStack"]![0]!["id"]);

        harness.Restart();
        Assert.Equal(["Thanks, Sam (14). Anything else?"], await harness.SendAsync("14"));
        harness.Restart();
        Assert.Empty(await harness.SendAsync("No"));

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("Sam: No", harness.LastResult?.Result);
    }

    [Fact]
    public async Task ReplaceDialogAsync_loops_without_resuming_the_parent_until_the_loop_ends()
    {
        static Dialog Build()
        {
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("rootSteps",
            [
                (step, ct) => step.BeginDialogAsync("collect", new JsonArray(), ct),
                (step, ct) => step.EndDialogAsync(string.Join("+", ((JsonArray)step.Result!).Select(n => (string?)n)), ct),
            ]));
            root.AddDialog(new WaterfallDialog("collect",
            [
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Item {step.Options!.AsArray().Count + 1}?", ct);
                    return Dialog.EndOfTurn;
                },
                async (step, ct) =>
                {
                    var items = step.Options!.AsArray().DeepClone().AsArray();
                    if ((string?)step.Result == "done")
                    {
                        return await step.EndDialogAsync(items, ct);
                    }

                    items.Add((string?)step.Result);
                    return await step.ReplaceDialogAsync("collect", items, ct);
                },
            ]));
            return root;
        }

        var harness = new DialogHarness(Build);

        Assert.Equal(["Item 1?"], await harness.SendAsync("start"));
        Assert.Equal(["Item 2?"], await harness.SendAsync("bruise"));
        harness.Restart();
        Assert.Equal(["Item 3?"], await harness.SendAsync("scratch"));
        Assert.Empty(await harness.SendAsync("done"));

        Assert.Equal("bruise+scratch", harness.LastResult?.Result);
    }
}
