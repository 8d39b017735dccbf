using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Cards;

/// <summary>One check of "a card's button was pressed", and its data read once into a record.</summary>
public sealed class CardSubmitTests
{
    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    private static Activity Message(string? text, object? value) => new() { Type = ActivityTypes.Message, Text = text, Value = value is null ? null : Json(value) };

    private static Activity Execute(object action, string name = ActivityHandler.AdaptiveCardActionInvokeName) =>
        new() { Type = ActivityTypes.Invoke, Name = name, Value = Json(new { action }) };

    [Fact]
    public void An_action_submit_is_a_message_whose_value_is_an_object_without_typed_text()
    {
        Assert.Equal("report", CardMessages.Submission(Message(null, new { menu = "report" }))?.GetProperty("menu").GetString());
        Assert.NotNull(CardMessages.Submission(Message("  ", new { menu = "report" })));
        Assert.Null(CardMessages.Submission(Message("hello", new { menu = "report" })));
        Assert.Null(CardMessages.Submission(Message("hello", null)));
        Assert.Null(CardMessages.Submission(Message(null, "report")));
    }

    [Fact]
    public void An_action_execute_is_an_adaptive_card_invoke_whose_action_carries_an_object()
    {
        var invoke = Execute(new { type = "Action.Execute", verb = "note", data = new { reference = "SG-2026-0001", note = "Called mum" } });

        Assert.Equal("SG-2026-0001", CardMessages.Submission(invoke)?.GetProperty("reference").GetString());
        Assert.Null(CardMessages.Submission(Execute(new { type = "Action.Execute", verb = "note" })));
        Assert.Null(CardMessages.Submission(Execute(new { type = "Action.Execute", data = new { reference = "SG-2026-0001" } }, name: "task/fetch")));
        Assert.Equal("Called mum", DslSubmit.From(invoke)?.Note);
    }

    [Fact]
    public void A_staff_card_press_reads_the_keys_the_builders_write()
    {
        var step = England.Steps[0];
        var data = StaffCards.StepData(step, "draft-1", "edit");
        data[StaffCards.TargetKey] = step.Id;
        data[StaffCards.InstanceKey] = "3-abc.1";
        data[StaffCards.ItemKey] = 2;

        var submit = StaffSubmit.From(Message(null, data))!;

        Assert.Equal((step.Id, "draft-1", "edit", step.Id, "3-abc.1", (int?)2), (submit.Step, submit.Draft, submit.Action, submit.Target, submit.Instance, submit.Item));
        Assert.Null(submit.Menu);
        Assert.Null(StaffSubmit.From(Message("cancel", null)));
    }

    [Fact]
    public void The_answers_to_a_steps_inputs_stay_a_dictionary_of_text()
    {
        var submit = StaffSubmit.Read(Json(new Dictionary<string, object?>
        {
            ["action"] = "submit",
            ["age"] = 14,
            ["year_group"] = "y9",
            ["consent"] = true,
            ["cleared"] = null,
        }));

        Assert.Equal(
            new Dictionary<string, string> { ["action"] = "submit", ["age"] = "14", ["year_group"] = "y9", ["consent"] = "true" },
            submit.Inputs);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"1\"", 1)]
    [InlineData("0", 0)]
    [InlineData("-1", null)]
    [InlineData("1.5", null)]
    [InlineData("\"one\"", null)]
    [InlineData("\" 1\"", null)]
    [InlineData("99999999999", null)]
    [InlineData("[1]", null)]
    [InlineData("null", null)]
    public void A_list_position_is_read_from_a_number_or_text_and_nothing_else(string item, int? expected)
    {
        var submit = StaffSubmit.Read(JsonDocument.Parse($$"""{ "action": "change", "item": {{item}} }""").RootElement);

        Assert.Equal(expected, submit.Item);
        Assert.Equal("change", submit.Action);
    }

    [Fact]
    public void A_text_field_sent_as_a_number_or_boolean_is_read_as_written()
    {
        var submit = StaffSubmit.Read(Json(new { answer = 3, cancel = true, step = new { odd = 1 } }));

        Assert.Equal(("3", "true", """{"odd":1}"""), (submit.Answer, submit.Cancel, submit.Step));
    }

    [Fact]
    public void A_dsl_card_press_reads_the_keys_the_builders_write()
    {
        var data = new JsonObject
        {
            [SummaryCard.ReferenceKey] = "SG-2026-0042",
            [SummaryCard.DecisionOutcomesInput] = "police,social_care",
            [SummaryCard.DecisionReasonsInput] = "r",
            [SummaryCard.DecisionReferenceInput] = "CRIS 1",
            [SummaryCard.DecisionNoteInput] = "n",
            [SummaryCard.ParentsChoiceInput] = "told",
            [SummaryCard.ParentsReasonsInput] = "pr",
            [SummaryCard.AskInput("manage_in_school")] = " Mrs Khan ",
            [SummaryCard.ClassificationInput("hackett")] = "Problematic",
            [DslSubmit.ShowKey] = "SG-2026-0042",
            [DslSubmit.MoveKey] = "yes",
            [DslSubmit.MoveIdKey] = "m1",
        };

        var submit = DslSubmit.From(Message(null, data))!;

        Assert.Equal(
            new DslSubmit { Reference = "SG-2026-0042", DecisionOutcomes = "police,social_care", DecisionReasons = "r", DecisionReference = "CRIS 1", DecisionNote = "n", ParentsChoice = "told", ParentsReasons = "pr", Show = "SG-2026-0042", Move = "yes", MoveId = "m1", PackInputs = submit.PackInputs },
            submit);
        Assert.Equal("Mrs Khan", submit.PackInput(SummaryCard.AskInput("manage_in_school")));
        Assert.Equal("Problematic", submit.PackInput(SummaryCard.ClassificationInput("hackett")));
        Assert.Null(submit.PackInput(SummaryCard.AskInput("advice_sought")));
        Assert.Equal(2, submit.PackInputs!.Count);
    }
}
