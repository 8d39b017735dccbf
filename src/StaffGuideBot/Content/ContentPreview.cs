using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Content;

/// <summary>
/// Builds every card a content pack can produce, in flow order, with sample answers (every yes/no answered yes, the
/// first choice, every multi-choice option, a question's placeholder or its id for text) so that the review and the
/// DSL summary show the pack's flags. Writes them as JSON files and an <c>index.html</c> that renders them with the
/// Adaptive Cards JavaScript renderer (<c>adaptivecards.min.js</c> beside it).
/// </summary>
public static class ContentPreview
{
    public const string RendererFileName = "adaptivecards.min.js";
    public const string IndexFileName = "index.html";
    private const string DraftId = "preview-draft";

    /// <summary>When the sample report was "sent"; fixed so that a preview is the same each time.</summary>
    public static readonly DateTimeOffset SampleNow = new(2026, 1, 15, 10, 42, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<PreviewCard> Cards(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var named = new List<(string Name, string Heading, JsonObject Card)>
        {
            ("menu", "Menu", StaffCards.Menu(pack)),
            ("quick-guidance", "Quick guidance", StaffCards.QuickGuidance(pack)),
            ("contacts", "Contacts", StaffCards.Contacts(pack)),
        };

        var answers = SampleAnswers(pack);
        var rules = new PackRules(pack);
        var reader = new AnswerReader(pack, new DateTimeRecognizer());
        foreach (var step in pack.Steps.Where(s => s.Type != StepType.Review))
        {
            var title = step.Title is null ? null : pack.Fill(step.Title);
            var conditional = step.Questions.Where(q => q.ShowIf is not null).Select(q => q.Id).ToList();
            var note = conditional.Count == 0 ? string.Empty : $" (every question shown; only when earlier answers make them apply: {string.Join(", ", conditional)})";
            named.Add(($"step-{step.Id}", $"Step {step.Id} ({step.Type.ToString().ToLowerInvariant()}){(title is null ? string.Empty : ": " + title)}{note}", StaffCards.Step(pack, step, DraftId)));
            if (step.Type == StepType.Repeat)
            {
                var items = (answers[step.Id] as JsonArray ?? []).OfType<JsonObject>().Select(i => ReportSections.ItemSummary(pack, step, i)).ToList();
                named.Add(($"step-{step.Id}-next", $"Step {step.Id} (repeat): the card for a further item, after \"{pack.Fill(step.AddAnother!)}\"", StaffCards.Step(pack, step, DraftId, itemsBefore: 1)));
                named.Add(($"step-{step.Id}-another", $"Step {step.Id} (repeat): after an item saved by typing", StaffCards.AddAnother(pack, step, DraftId)));
                named.Add(($"step-{step.Id}-list", $"Step {step.Id} (repeat): the items so far, when edited from the review (sample answers)", StaffCards.RepeatList(pack, step, DraftId, items)));
            }
        }

        if (pack.Steps.FirstOrDefault(s => s.Type == StepType.Review) is { } review)
        {
            var storage = new MemoryStorage();
            var dialog = new ReviewDialog(
                pack,
                review,
                new ConversationState(storage).CreateProperty<ReportDraft>("preview"),
                rules,
                new ReportSubmitter(new StorageReportStore(storage), new NothingDelivered(), TimeProvider.System));
            named.Add(($"step-{review.Id}", $"Step {review.Id} (review, sample answers)", dialog.Card(new ReportDraft { Id = DraftId, Answers = (JsonObject)answers.DeepClone() })));
        }

        var flags = rules.Apply(answers).Flags;
        var report = new Report
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"SG-{SampleNow.Year}-0001"),
            SubmittedAt = SampleNow,
            StartedAt = SampleNow.AddMinutes(-12),
            ContentPack = pack.Id,
            ContentVersion = pack.Version,
            Reporter = new Reporter { Name = "Sample Reporter", UserId = "29:preview", ConversationId = "a:preview", ServiceUrl = "https://localhost/preview/" },
            Answers = answers,
            Flags = [.. flags.Select(f => f.Id)],
            PossibleFlags = [.. flags.Where(f => f.Possible).Select(f => f.Id)],
        };
        var reportCase = new ReportCase { Reference = report.Reference, Status = CaseStatus.Delivered, Urgent = flags.Any(f => f.Kind == IndicatorKind.FivePoint) };
        reportCase.Record(CaseEventKind.Created, SampleNow);
        reportCase.Record(CaseEventKind.Delivered, SampleNow.AddSeconds(3));
        named.Add(("dsl-summary", $"DSL summary card (sample report, {flags.Count} flag(s): {string.Join(", ", flags.Select(f => f.Id))})", SummaryCard.Create(pack, report, reportCase, SampleNow.AddMinutes(5))));
        foreach (var form in new[] { SummaryCard.Forms.Decision, SummaryCard.Forms.Parents, SummaryCard.Forms.Recorded })
        {
            named.Add(($"dsl-form-{form}", $"DSL summary card with its {form} form open (decisions.yaml and texts.yaml)", SummaryCard.Create(pack, report, reportCase, SampleNow.AddMinutes(5), form: form)));
        }

        return [.. named.Select((c, i) => new PreviewCard(string.Create(CultureInfo.InvariantCulture, $"{i + 1:00}-{c.Name}.json"), c.Heading, c.Card))];
    }

    /// <summary>An answer for every question of the flow, as a card would send it.</summary>
    public static JsonObject SampleAnswers(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var reader = new AnswerReader(pack, new DateTimeRecognizer());
        var answers = new JsonObject();
        foreach (var step in pack.Steps.Where(s => s.Type is StepType.Question or StepType.Form))
        {
            AddAnswers(pack, reader, step.Questions, answers);
        }

        foreach (var step in pack.Steps.Where(s => s.Type == StepType.Repeat))
        {
            var item = new JsonObject();
            AddAnswers(pack, reader, step.Fields, item);
            answers[step.Id] = new JsonArray(item);
        }

        return answers;
    }

    private static void AddAnswers(ContentPack pack, AnswerReader reader, IEnumerable<Question> questions, JsonObject into)
    {
        foreach (var question in questions)
        {
            if (reader.FromCard(question, SampleValue(pack, question)) is { } answer)
            {
                into[question.Id] = answer;
            }
        }
    }

    private static string SampleValue(ContentPack pack, Question question)
    {
        var options = QuestionOptions.For(pack, question);
        return question.Type switch
        {
            QuestionType.YesNo => options.FirstOrDefault(o => o.Value == "yes")?.Value ?? First(options),
            QuestionType.Choice => First(options),
            QuestionType.MultiChoice => string.Join(',', options.Select(o => o.Value)),
            QuestionType.Number => (question.Min is { } min && question.Max is { } max ? Math.Round((min + max) / 2) : question.Min ?? question.Max ?? 14).ToString(CultureInfo.InvariantCulture),
            QuestionType.Date => SampleNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            QuestionType.Time => SampleNow.AddMinutes(-30).ToString("HH:mm", CultureInfo.InvariantCulture),
            QuestionType.Toggle => "true",
            _ => string.IsNullOrWhiteSpace(question.Placeholder) ? $"[{question.Id}]" : pack.Fill(question.Placeholder),
        };
    }

    private static string First(IReadOnlyList<ChoiceOption> options) => options.Count > 0 ? options[0].Value : string.Empty;

    /// <summary>Writes the cards, the renderer (when <paramref name="renderer"/> is given) and index.html into <paramref name="outDirectory"/>.</summary>
    public static void Write(ContentPack pack, IReadOnlyList<PreviewCard> cards, string outDirectory, string? renderer)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(cards);
        Directory.CreateDirectory(outDirectory);
        // Cards of an earlier preview (of a pack with other steps) must not linger beside the new ones.
        foreach (var stale in Directory.GetFiles(outDirectory, "*.json").Where(f => char.IsAsciiDigit(Path.GetFileName(f)[0])))
        {
            File.Delete(stale);
        }

        var rendererTarget = Path.Combine(outDirectory, RendererFileName);
        if (renderer is not null)
        {
            File.Copy(renderer, rendererTarget, overwrite: true);
        }
        else if (File.Exists(rendererTarget))
        {
            File.Delete(rendererTarget);
        }

        foreach (var card in cards)
        {
            File.WriteAllText(Path.Combine(outDirectory, card.FileName), card.Card.ToJsonString(FileJson) + "\n");
        }

        File.WriteAllText(Path.Combine(outDirectory, IndexFileName), Html(pack, cards, renderer is not null));
    }

    public static string Html(ContentPack pack, IReadOnlyList<PreviewCard> cards, bool withRenderer)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(cards);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var title = $"Content preview: {pack.Name}";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header>
            <h1>{E(title)}</h1>
            <p class="meta">Pack <code>{E(pack.Id)}</code>, version <code>{E(pack.Version)}</code>. {cards.Count} cards in flow order. Buttons do nothing here; the review and DSL summary use sample answers.</p>

            """);
        if (!withRenderer)
        {
            html.Append("""
                <p class="notice" id="no-renderer">The Adaptive Cards renderer (adaptivecards.min.js) was not found, so the cards are shown as JSON.
                To see them rendered, run <code>npm ci</code> in <code>tests/e2e</code>, then run <code>content preview</code> again
                (or pass <code>--renderer &lt;node_modules folder&gt;</code>).</p>

                """);
        }

        html.Append("<nav><ol>\n");
        foreach (var card in cards)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{E(Anchor(card))}\">{E(card.Heading)}</a></li>\n");
        }

        html.Append("</ol></nav>\n</header>\n<main>\n");
        foreach (var card in cards)
        {
            var anchor = Anchor(card);
            html.Append(CultureInfo.InvariantCulture, $"""
                <section class="preview" id="{E(anchor)}">
                <h2>{E(card.Heading)}</h2>
                <p class="file"><a href="{E(card.FileName)}">{E(card.FileName)}</a></p>
                <div class="host" data-card="{E(anchor)}-json"></div>
                <script type="application/json" id="{E(anchor)}-json">{card.Card.ToJsonString()}</script>
                </section>

                """);
        }

        html.Append("</main>\n");
        if (withRenderer)
        {
            html.Append(CultureInfo.InvariantCulture, $"<script src=\"{RendererFileName}\"></script>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<script>{Script}</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Anchor(PreviewCard card) => "card-" + Path.GetFileNameWithoutExtension(card.FileName);

    private const string Css = """

        body { margin: 0; background: #f5f5f5; color: #242424; font: 14px/1.4 "Segoe UI", system-ui, -apple-system, sans-serif; }
        header, main { max-width: 760px; margin: 0 auto; padding: 16px 24px; }
        h1 { font-size: 24px; font-weight: 600; margin: 8px 0; }
        h2 { font-size: 16px; font-weight: 600; margin: 0 0 4px; }
        .meta, .file { color: #616161; margin: 4px 0 8px; }
        .notice { background: #fff4ce; border: 1px solid #835c00; padding: 8px 12px; border-radius: 4px; }
        .render-error { background: #fdf3f4; border: 1px solid #c4314b; padding: 8px 12px; border-radius: 4px; color: #a4262c; }
        .preview { margin: 24px 0 32px; }
        .host { max-width: 560px; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.12); overflow: hidden; }
        .host pre { margin: 0; padding: 12px; white-space: pre-wrap; word-break: break-word; font-size: 12px; }
        .ac-pushButton { font: 600 14px "Segoe UI", system-ui, sans-serif; color: #242424; background: #fff; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
        .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
        .ac-pushButton.style-destructive { color: #c4314b; }
        .ac-pushButton[aria-expanded="true"] { background: #e8ebfa; }
        .ac-input, .ac-multichoiceInput { font: 14px "Segoe UI", system-ui, sans-serif; }
        .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, select.ac-input { border: 1px solid #d1d1d1; border-bottom-color: #616161; border-radius: 4px; padding: 5px 8px; min-height: 32px; box-sizing: border-box; background: #fff; }
        textarea.ac-textInput { min-height: 64px; }
        .ac-actionSet { flex-wrap: wrap !important; row-gap: 8px; }
        .ac-actionSet .ac-pushButton { flex: 0 0 auto !important; }
        .ac-textBlock p { margin: 0 0 8px; } .ac-textBlock p:last-child { margin-bottom: 0; }
        .ac-textBlock ul, .ac-textBlock ol { margin: 0 0 8px; padding-left: 20px; }

        """;

    private const string Script = """

        (function () {
          var hosts = document.querySelectorAll(".host[data-card]");
          function json(host) { return JSON.parse(document.getElementById(host.getAttribute("data-card")).textContent); }
          function showJson(host, card) { var pre = document.createElement("pre"); pre.textContent = JSON.stringify(card, null, 2); host.appendChild(pre); }
          if (typeof AdaptiveCards === "undefined") {
            hosts.forEach(function (host) { showJson(host, json(host)); });
            return;
          }
          // Teams renders a subset of Markdown in TextBlocks (never in TextRuns): bold, italic, links, lists, paragraphs.
          AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
            var esc = function (t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); };
            var inline = function (t) {
              return esc(t).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1<em>$2</em>")
                .replace(/\[([^\]]+)\]\((https?:[^)\s]+|tel:[^)\s]+|mailto:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
            };
            result.outputHtml = text.split(/\n{2,}/).map(function (block) {
              var lines = block.split("\n");
              if (lines.every(function (l) { return /^\s*[-*] /.test(l); })) {
                return "<ul>" + lines.map(function (l) { return "<li>" + inline(l.replace(/^\s*[-*] /, "")) + "</li>"; }).join("") + "</ul>";
              }
              if (lines.every(function (l) { return /^\s*\d+\. /.test(l); })) {
                return "<ol>" + lines.map(function (l) { return "<li>" + inline(l.replace(/^\s*\d+\. /, "")) + "</li>"; }).join("") + "</ol>";
              }
              return "<p>" + lines.map(inline).join("<br>") + "</p>";
            }).join("");
            result.didProcess = true;
          };
          var fg = function (d, s) { return { "default": d, subtle: s }; };
          var colors = { "default": fg("#242424", "#616161"), dark: fg("#242424", "#616161"), light: fg("#ffffff", "#f5f5f5"),
            accent: fg("#5b5fc7", "#4f52b2"), good: fg("#237b4b", "#0b6a0b"), warning: fg("#835c00", "#835c00"), attention: fg("#c4314b", "#a4262c") };
          var style = function (bg) { return { backgroundColor: bg, foregroundColors: colors }; };
          var hostConfig = new AdaptiveCards.HostConfig({
            fontFamily: "'Segoe UI', system-ui, -apple-system, sans-serif",
            supportsInteractivity: true,
            spacing: { small: 4, "default": 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
            separator: { lineThickness: 1, lineColor: "#e0e0e0" },
            fontSizes: { small: 12, "default": 14, medium: 16, large: 18, extraLarge: 24 },
            fontWeights: { lighter: 300, "default": 400, bolder: 600 },
            containerStyles: { "default": style("#ffffff"), emphasis: style("#f5f5f5"), accent: style("#e8ebfa"),
              good: style("#f1faf1"), warning: style("#fbf6d9"), attention: style("#fdf3f4") },
            actions: { maxActions: 20, spacing: "default", buttonSpacing: 8, actionsOrientation: "horizontal", actionAlignment: "left",
              showCard: { actionMode: "inline", inlineTopMargin: 12, style: "emphasis" } }
          });
          hosts.forEach(function (host) {
            var payload = json(host);
            try {
              var card = new AdaptiveCards.AdaptiveCard();
              card.hostConfig = hostConfig;
              var context = new AdaptiveCards.SerializationContext();
              card.parse(payload, context);
              for (var i = 0; i < context.eventCount; i++) { console.warn(host.getAttribute("data-card") + ": " + context.getEventAt(i).message); }
              var element = card.render();
              if (!element) { throw new Error("the renderer returned nothing"); }
              host.appendChild(element);
            } catch (e) {
              console.error(host.getAttribute("data-card") + ": " + e);
              var box = document.createElement("p"); box.className = "render-error"; box.textContent = "Could not render this card: " + e;
              host.appendChild(box); showJson(host, payload);
            }
          });
        })();

        """;

    /// <summary>A preview sends nothing anywhere: the review card is built, no report is handed on.</summary>
    private sealed class NothingDelivered : IDslEscalation
    {
        public Task<HandOff> PrepareAsync(Report report, CancellationToken cancellationToken = default) =>
            Task.FromResult(new HandOff(new Dictionary<string, BotFramework.State.StoreItem>(), () => true));

        public Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
