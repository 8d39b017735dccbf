using System.Text.Json;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class RunAsyncTests
{
    private static ComponentDialog BuildReport()
    {
        var report = new ComponentDialog("report");
        report.AddDialog(new WaterfallDialog("reportSteps",
        [
            (step, ct) => step.PromptAsync("what", new PromptOptions { Prompt = Activity.CreateMessageActivity("What happened?") }, ct),
            (step, ct) =>
            {
                step.Values["what"] = (string?)step.Result;
                return step.PromptAsync("danger", new PromptOptions { Prompt = Activity.CreateMessageActivity("Is anyone in immediate danger?") }, ct);
            },
            (step, ct) => step.EndDialogAsync($"{step.Values["what"]} / danger: {step.Result}", ct),
        ]));
        report.AddDialog(new TextPrompt("what"));
        report.AddDialog(new ConfirmPrompt("danger"));
        return report;
    }

    private static DialogHarness Run(DialogRunOptions? options = null, Func<Dialog>? build = null) =>
        new(build ?? BuildReport, (h, turnContext, ct) => h.Dialog.RunAsync(turnContext, h.Accessor, options, ct));

    private static JsonElement Card(object data) => JsonSerializer.SerializeToElement(data);

    [Fact]
    public async Task Begins_the_dialog_when_none_is_active_and_continues_it_afterwards()
    {
        var harness = Run();

        Assert.Equal(["What happened?"], await harness.SendAsync("hi"));
        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("Pushed in the corridor"));
        harness.Restart();
        Assert.Empty(await harness.SendAsync("no"));

        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("Pushed in the corridor / danger: False", harness.LastResult?.Result);
        Assert.Equal(["What happened?"], await harness.SendAsync("another one"));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("Stop.")]
    [InlineData("quit")]
    public async Task Typed_cancel_throws_the_dialogs_away(string command)
    {
        var harness = Run();
        await harness.SendAsync("hi");
        await harness.SendAsync("Pushed in the corridor");

        Assert.Empty(await harness.SendAsync(command));

        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult?.Status);
        Assert.Empty((await harness.ReadSavedStackAsync())!["dialogStack"]!.AsArray());
        Assert.Equal(["What happened?"], await harness.SendAsync("hello again"));
    }

    [Fact]
    public async Task Typed_cancel_with_nothing_under_way_is_still_reported_as_cancelled()
    {
        var harness = Run();

        Assert.Empty(await harness.SendAsync("cancel"));
        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult?.Status);
    }

    [Theory]
    [InlineData("start again")]
    [InlineData("Start over!")]
    [InlineData("restart")]
    public async Task Typed_start_again_begins_afresh_without_the_old_answers(string command)
    {
        var harness = Run();
        await harness.SendAsync("hi");
        await harness.SendAsync("Pushed in the corridor");

        Assert.Equal(["What happened?"], await harness.SendAsync(command));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        var saved = await harness.ReadSavedStackAsync();
        var steps = saved!["dialogStack"]![0]!["state"]!["dialogs"]!["dialogStack"]![1]!;
        Assert.Equal("reportSteps", (string?)steps["id"]);
        Assert.Equal(0, (int?)steps["state"]!["stepIndex"]);
        Assert.Empty(steps["state"]!["values"]!.AsObject());
    }

    [Fact]
    public async Task A_card_submission_is_never_a_command()
    {
        var harness = Run();
        await harness.SendAsync("hi");

        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync(null, Card(new { answer = "cancel" })));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        // Text that comes with a submission (a messageBack, say) is not a command either.
        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("cancel", Card(new { other = "x" })));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        await harness.SendAsync("yes");
        Assert.Equal("cancel / danger: True", harness.LastResult?.Result);
    }

    [Fact]
    public async Task Commands_can_be_switched_off()
    {
        var harness = Run(new DialogRunOptions { GlobalCommandsEnabled = false });
        await harness.SendAsync("hi");

        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("stop"));
        await harness.SendAsync("no");
        Assert.Equal("stop / danger: False", harness.LastResult?.Result);
    }

    [Fact]
    public async Task The_command_recognizer_can_be_replaced()
    {
        var harness = Run(new DialogRunOptions { RecognizeCommand = text => text == "abandon" ? GlobalCommand.Cancel : GlobalCommand.None });
        await harness.SendAsync("hi");

        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("cancel"));
        Assert.Empty(await harness.SendAsync("abandon"));
        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult?.Status);
    }

    [Fact]
    public async Task A_handler_returning_null_lets_the_message_through_as_an_answer()
    {
        var commands = new List<GlobalCommand>();
        var harness = Run(new DialogRunOptions
        {
            OnGlobalCommand = (context, _) =>
            {
                commands.Add(context.Command);
                return Task.FromResult<DialogTurnResult?>(null);
            },
        });
        await harness.SendAsync("hi");

        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("restart"));
        Assert.Equal([GlobalCommand.StartAgain], commands);
    }

    [Fact]
    public async Task A_handler_can_ask_for_confirmation_before_cancelling()
    {
        var confirmCancel = new ComponentDialog("confirmCancel");
        confirmCancel.AddDialog(new WaterfallDialog("confirmCancelSteps",
        [
            (step, ct) => step.PromptAsync("sure", new PromptOptions { Prompt = Activity.CreateMessageActivity("Throw away this report?") }, ct),
            async (step, ct) =>
            {
                if (step.Result is true)
                {
                    await step.Context.SendActivityAsync("Report discarded.", ct);
                    return await step.CancelAllDialogsAsync(cancelParents: true, ct);
                }

                return await step.EndDialogAsync(null, ct);
            },
        ]));
        confirmCancel.AddDialog(new ConfirmPrompt("sure"));

        var options = new DialogRunOptions
        {
            AdditionalDialogs = [confirmCancel],
            OnGlobalCommand = async (context, ct) =>
                context.Command == GlobalCommand.Cancel && context.HasActiveDialog && context.DialogContext.ActiveDialog!.Id != "confirmCancel"
                    ? await context.DialogContext.BeginDialogAsync("confirmCancel", null, ct)
                    : await context.ApplyDefaultAsync(ct),
        };
        var harness = Run(options);

        await harness.SendAsync("hi");
        await harness.SendAsync("Pushed in the corridor");
        Assert.Equal(["Throw away this report?"], await harness.SendAsync("cancel"));
        Assert.Equal(["Is anyone in immediate danger?"], await harness.SendAsync("no"));
        Assert.Equal(DialogTurnStatus.Waiting, harness.LastResult?.Status);

        Assert.Equal(["Throw away this report?"], await harness.SendAsync("cancel"));
        harness.Restart();
        Assert.Equal(["Report discarded."], await harness.SendAsync("yes"));
        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult?.Status);
        Assert.Empty((await harness.ReadSavedStackAsync())!["dialogStack"]!.AsArray());

        // Declining keeps the draft: the answers given before still count.
        await harness.SendAsync("hi");
        await harness.SendAsync("Kicked at break");
        await harness.SendAsync("cancel");
        await harness.SendAsync("no");
        await harness.SendAsync("yes");
        Assert.Equal("Kicked at break / danger: True", harness.LastResult?.Result);
    }

    [Fact]
    public async Task Begin_options_are_used_when_beginning_and_when_starting_again()
    {
        var topics = new List<string?>();
        Dialog Build() => new WaterfallDialog("w",
        [
            async (step, ct) =>
            {
                topics.Add(step.GetOptions<string>());
                await step.Context.SendActivityAsync("Go on.", ct);
                return Dialog.EndOfTurn;
            },
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]);
        var harness = Run(new DialogRunOptions { BeginOptions = "online safety" }, Build);

        await harness.SendAsync("hi");
        await harness.SendAsync("start again");

        Assert.Equal(["online safety", "online safety"], topics);
    }
}
