using System.Text.Json.Nodes;
using Moq;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class DialogContextTests
{
    private static async Task<T> InTurnAsync<T>(Func<ITurnContext, Task<T>> body)
    {
        var adapter = new TestAdapter();
        T result = default!;
        await adapter.ProcessAsync(adapter.MakeMessage("hi"), async (turnContext, _) => result = await body(turnContext));
        return result;
    }

    private static DialogContext NewContext(ITurnContext turnContext, DialogSet dialogs, DialogState? state = null) =>
        new(dialogs, turnContext, state ?? new DialogState());

    private static WaterfallDialog Waiting(string id) => new(id, [(_, _) => Task.FromResult(Dialog.EndOfTurn)]);

    [Fact]
    public async Task Beginning_an_unknown_dialog_says_which_id_is_missing()
    {
        var error = await InTurnAsync(async turnContext =>
            await Assert.ThrowsAsync<DialogNotFoundException>(() => NewContext(turnContext, new DialogSet()).BeginDialogAsync("nope")));

        Assert.Equal("nope", error.DialogId);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_stack_naming_an_unknown_dialog_fails_clearly_and_can_still_be_cancelled()
    {
        var state = new DialogState { DialogStack = [new DialogInstance("renamed-since")] };

        var (error, cancelled) = await InTurnAsync(async turnContext =>
        {
            var dc = NewContext(turnContext, new DialogSet(), state);
            var error = await Assert.ThrowsAsync<DialogNotFoundException>(() => dc.ContinueDialogAsync());
            return (error, await dc.CancelAllDialogsAsync());
        });

        Assert.Equal("renamed-since", error.DialogId);
        Assert.Equal(DialogTurnStatus.Cancelled, cancelled.Status);
        Assert.Empty(state.DialogStack);
    }

    [Fact]
    public async Task Continuing_or_ending_an_empty_stack_reports_it()
    {
        var (continued, ended, cancelled) = await InTurnAsync(async turnContext =>
        {
            var dc = NewContext(turnContext, new DialogSet());
            return (await dc.ContinueDialogAsync(), await dc.EndDialogAsync("result"), await dc.CancelAllDialogsAsync());
        });

        Assert.Equal(DialogTurnStatus.Empty, continued.Status);
        Assert.Equal(DialogTurnStatus.Complete, ended.Status);
        Assert.Equal("result", ended.Result);
        Assert.Equal(DialogTurnStatus.Empty, cancelled.Status);
    }

    [Fact]
    public async Task Cancelling_tells_every_dialog_on_the_stack_top_first()
    {
        var calls = new List<string>();
        Mock<Dialog> Recording(string id)
        {
            var mock = new Mock<Dialog>(id) { CallBase = true };
            mock.Setup(d => d.BeginDialogAsync(It.IsAny<DialogContext>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(Dialog.EndOfTurn);
            mock.Setup(d => d.EndDialogAsync(It.IsAny<ITurnContext>(), It.IsAny<DialogInstance>(), It.IsAny<DialogReason>(), It.IsAny<CancellationToken>()))
                .Callback((ITurnContext _, DialogInstance instance, DialogReason reason, CancellationToken _) => calls.Add($"{instance.Id}:{reason}"))
                .Returns(Task.CompletedTask);
            return mock;
        }

        var outer = Recording("outer");
        var inner = Recording("inner");
        var dialogs = new DialogSet().Add(outer.Object).Add(inner.Object);

        var result = await InTurnAsync(async turnContext =>
        {
            var dc = NewContext(turnContext, dialogs);
            await dc.BeginDialogAsync("outer");
            await dc.BeginDialogAsync("inner");
            Assert.Equal("inner", dc.ActiveDialog?.Id);
            return await dc.CancelAllDialogsAsync();
        });

        Assert.Equal(DialogTurnStatus.Cancelled, result.Status);
        Assert.Equal(["inner:CancelCalled", "outer:CancelCalled"], calls);
    }

    [Fact]
    public async Task Replacing_ends_the_active_dialog_with_ReplaceCalled_and_does_not_resume_the_one_below()
    {
        var below = new Mock<Dialog>("below") { CallBase = true };
        below.Setup(d => d.BeginDialogAsync(It.IsAny<DialogContext>(), It.IsAny<object?>(), It.IsAny<CancellationToken>())).ReturnsAsync(Dialog.EndOfTurn);
        var first = new Mock<Dialog>("first") { CallBase = true };
        first.Setup(d => d.BeginDialogAsync(It.IsAny<DialogContext>(), It.IsAny<object?>(), It.IsAny<CancellationToken>())).ReturnsAsync(Dialog.EndOfTurn);
        var dialogs = new DialogSet().Add(below.Object).Add(first.Object).Add(Waiting("second"));

        var stack = await InTurnAsync(async turnContext =>
        {
            var dc = NewContext(turnContext, dialogs);
            await dc.BeginDialogAsync("below");
            await dc.BeginDialogAsync("first");
            await dc.ReplaceDialogAsync("second");
            return dc.Stack.Select(i => i.Id).ToList();
        });

        Assert.Equal(["second", "below"], stack);
        first.Verify(d => d.EndDialogAsync(It.IsAny<ITurnContext>(), It.Is<DialogInstance>(i => i.Id == "first"), DialogReason.ReplaceCalled, It.IsAny<CancellationToken>()), Times.Once);
        below.Verify(d => d.ResumeDialogAsync(It.IsAny<DialogContext>(), It.IsAny<DialogReason>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Replacing_with_an_unknown_dialog_leaves_the_stack_alone()
    {
        var dialogs = new DialogSet().Add(Waiting("only"));

        var stack = await InTurnAsync(async turnContext =>
        {
            var dc = NewContext(turnContext, dialogs);
            await dc.BeginDialogAsync("only");
            await Assert.ThrowsAsync<DialogNotFoundException>(() => dc.ReplaceDialogAsync("unknown"));
            return dc.Stack.Select(i => i.Id).ToList();
        });

        Assert.Equal(["only"], stack);
    }

    [Fact]
    public async Task Dialogs_of_parent_sets_can_be_begun_from_inside_a_component()
    {
        var component = new ComponentDialog("component");
        component.AddDialog(new WaterfallDialog("inner", [(step, ct) => step.BeginDialogAsync("shared", null, ct)]));
        var dialogs = new DialogSet().Add(component).Add(Waiting("shared"));

        var result = await InTurnAsync(async turnContext => await NewContext(turnContext, dialogs).BeginDialogAsync("component"));

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
    }

    [Fact]
    public async Task Cancelling_inside_a_component_ends_only_the_component_unless_parents_are_cancelled_too()
    {
        static Dialog Build(bool cancelParents)
        {
            var component = new ComponentDialog("component");
            component.AddDialog(new WaterfallDialog("inner",
            [
                (_, _) => Task.FromResult(Dialog.EndOfTurn),
                (step, ct) => step.CancelAllDialogsAsync(cancelParents, ct),
            ]));
            var root = new ComponentDialog("root");
            root.AddDialog(new WaterfallDialog("rootSteps",
            [
                (step, ct) => step.BeginDialogAsync("component", null, ct),
                (step, ct) => step.EndDialogAsync($"resumed with {step.Result ?? "null"}", ct),
            ]));
            root.AddDialog(component);
            return root;
        }

        var onlyComponent = new DialogHarness(() => Build(cancelParents: false));
        await onlyComponent.SendAsync("start");
        await onlyComponent.SendAsync("cancel it");
        Assert.Equal(DialogTurnStatus.Complete, onlyComponent.LastResult?.Status);
        Assert.Equal("resumed with null", onlyComponent.LastResult?.Result);

        var everything = new DialogHarness(() => Build(cancelParents: true));
        await everything.SendAsync("start");
        await everything.SendAsync("cancel it");
        Assert.Equal(DialogTurnStatus.Cancelled, everything.LastResult?.Status);
        Assert.Empty((await everything.ReadSavedStackAsync())!["dialogStack"]!.AsArray());
    }

    [Fact]
    public async Task Cancelling_parents_from_deep_inside_tells_each_inner_dialog_once()
    {
        var inner = new Mock<Dialog>("starter") { CallBase = true };
        inner.Setup(d => d.BeginDialogAsync(It.IsAny<DialogContext>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Returns((DialogContext dc, object? _, CancellationToken ct) => dc.BeginDialogAsync("canceller", null, ct));

        var harness = new DialogHarness(() =>
        {
            var component = new ComponentDialog("component");
            component.AddDialog(inner.Object);
            component.AddDialog(new WaterfallDialog("canceller",
            [
                (_, _) => Task.FromResult(Dialog.EndOfTurn),
                (step, ct) => step.CancelAllDialogsAsync(cancelParents: true, ct),
            ]));
            return component;
        });

        await harness.SendAsync("start");
        await harness.SendAsync("go");

        Assert.Equal(DialogTurnStatus.Cancelled, harness.LastResult?.Status);
        inner.Verify(d => d.EndDialogAsync(It.IsAny<ITurnContext>(), It.IsAny<DialogInstance>(), DialogReason.CancelCalled, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void A_dialog_set_refuses_a_second_dialog_with_the_same_id()
    {
        var first = Waiting("same");
        var set = new DialogSet().Add(first).Add(first);

        Assert.Same(first, set.Find("same"));
        Assert.Null(set.Find("other"));
        Assert.Throws<ArgumentException>(() => set.Add(Waiting("same")));
    }

    [Fact]
    public async Task A_dialog_set_without_a_state_accessor_cannot_create_a_root_context()
    {
        var error = await InTurnAsync(turnContext => Assert.ThrowsAsync<InvalidOperationException>(() => new DialogSet().CreateContextAsync(turnContext)));

        Assert.Contains("accessor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dialog_stack_round_trips_through_json_unchanged()
    {
        var state = new DialogState
        {
            DialogStack =
            [
                new DialogInstance("prompt") { State = new JsonObject { ["attempts"] = 2, ["options"] = new JsonObject { ["inputId"] = "answer" } } },
                new DialogInstance("steps")
                {
                    State = new JsonObject
                    {
                        ["stepIndex"] = 1,
                        ["values"] = new JsonObject { ["name"] = "Sam", ["when"] = new JsonObject { ["date"] = "2026-03-14" }, ["flags"] = new JsonArray(true, null, 3.5) },
                    },
                },
            ],
        };

        var json = BotJson.Serialize(state);
        var back = BotJson.Deserialize<DialogState>(json)!;

        Assert.StartsWith("{\"dialogStack\":[{\"id\":\"prompt\",\"state\":{", json, StringComparison.Ordinal);
        Assert.Equal(json, BotJson.Serialize(back));
        Assert.Equal("Sam", (string?)back.DialogStack[1].State["values"]!["name"]);
    }

    [Fact]
    public void A_stack_with_missing_parts_reads_as_empty_rather_than_null()
    {
        var state = BotJson.Deserialize<DialogState>("{\"dialogStack\":[{\"id\":\"a\",\"state\":null}]}")!;
        Assert.NotNull(state.DialogStack[0].State);

        Assert.NotNull(BotJson.Deserialize<DialogState>("{\"dialogStack\":null}")!.DialogStack);
    }

    [Fact]
    public async Task The_live_stack_is_saved_as_plain_json_each_turn_and_reads_back_the_same()
    {
        var storage = new MemoryStorage();
        var harness = new DialogHarness(
            () => new WaterfallDialog("w",
            [
                (step, _) =>
                {
                    step.Values["count"] = 1;
                    return Task.FromResult(Dialog.EndOfTurn);
                },
                (step, _) =>
                {
                    step.Values["count"] = (int)step.Values["count"]! + 1;
                    step.SetValue("when", new DateTimeResolution { Date = new DateOnly(2026, 3, 14), PartOfDay = PartOfDay.Evening });
                    return Task.FromResult(Dialog.EndOfTurn);
                },
                (step, ct) => step.EndDialogAsync(step.GetValue<DateTimeResolution>("when"), ct),
            ]),
            storage: storage);

        await harness.SendAsync("one");
        await harness.SendAsync("two");
        var saved = await harness.ReadSavedStackAsync();
        var reread = BotJson.Deserialize<DialogState>(saved!.ToJsonString())!;
        Assert.Equal(saved.ToJsonString(), BotJson.Serialize(reread));
        Assert.Equal(2, (int?)reread.DialogStack[0].State["values"]!["count"]);

        harness.Restart();
        await harness.SendAsync("three");
        Assert.Equal(new DateTimeResolution { Date = new DateOnly(2026, 3, 14), PartOfDay = PartOfDay.Evening }, harness.LastResult?.Result);
    }

    [Fact]
    public async Task After_an_interruption_ends_the_interrupted_dialog_asks_its_question_again()
    {
        var harness = new DialogHarness(
            () =>
            {
                var host = new ComponentDialog("host");
                host.AddDialog(new WaterfallDialog("ask",
                [
                    (step, ct) => step.BeginDialogAsync("text", null, ct),
                    (step, ct) => step.EndDialogAsync(step.Result, ct),
                ]));
                host.AddDialog(new AskDialog("text", "What happened?"));
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
        await harness.SendAsync("It happened");
        Assert.Equal(DialogTurnStatus.Complete, harness.LastResult?.Status);
        Assert.Equal("It happened", harness.LastResult?.Result);
    }
}
