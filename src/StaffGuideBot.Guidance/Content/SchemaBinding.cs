using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// One pack file as JSON annotated with its YAML nodes, checked by NJsonSchema, each problem said at its node; items read
/// by System.Text.Json. Paths are written <c>#/steps[2].question.id</c>.
/// </summary>
internal sealed class SchemaBinding(PackSource file, ProblemCollector problems, string schemaName)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,

        // What is required is the schema's to say (a contact that overrides another's gives only what changes).
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { info => info.Properties.ToList().ForEach(p => p.IsRequired = false) } },
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new TextConverter(), new ConditionConverter() },
    };

    private readonly JsonSchema _schema = PackSchema.Schema(schemaName);
    private readonly Dictionary<string, JToken> _paths = new(StringComparer.Ordinal);
    private readonly List<JToken> _invalid = [];
    private readonly List<JToken> _skipped = [];

    /// <summary>Checks the file, reporting each problem not on a line where something was reported already; null when it has any.</summary>
    public static SchemaBinding? Check(PackSource? file, ProblemCollector problems, string schemaName) =>
        CheckItems(file, problems, schemaName) is { } binding && binding.IsValid("#") ? binding : null;

    /// <summary>As <see cref="Check"/>, but null only when there is no file, so that the items without problems can still be read.</summary>
    public static SchemaBinding? CheckItems(PackSource? file, ProblemCollector problems, string schemaName) =>
        file?.Root is null ? null : new SchemaBinding(file, problems, schemaName).Report(file.Root);

    /// <summary>The path of key <paramref name="name"/> of the mapping at <paramref name="path"/> (a key may have dots: texts' 'menu.title').</summary>
    public static string Child(string path, string name) => path == "#" ? "#/" + name : path + "." + name;

    public static string Child(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>A YAML scalar as YAML 1.2's core schema reads it: plain true/false and numbers are not text, quoted ones are.</summary>
    public static JValue Scalar(YamlScalarNode scalar) => (scalar.Value ?? string.Empty) switch
    {
        var text when scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) => new JValue(text),
        "" or "~" or "null" or "Null" or "NULL" => JValue.CreateNull(),
        "true" or "True" or "TRUE" => new JValue(true),
        "false" or "False" or "FALSE" => new JValue(false),
        var text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => new JValue(whole),
        var text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        var text => new JValue(text),
    };

    /// <summary>Whether the file has a value at <paramref name="path"/> and the schema found nothing wrong there or inside it.</summary>
    public bool IsValid(string path) => Token(path) is { } item && !_invalid.Exists(e => Inside(e, item));

    public int Count(string path) => Token(path) is JArray list ? list.Count : 0;

    public bool Has(string path) => _paths.ContainsKey(path);

    public JToken? Token(string path) => _paths.GetValueOrDefault(path);

    /// <summary>The YAML node of the value at <paramref name="path"/>, or of the nearest value above it.</summary>
    public YamlNode Node(string path) => Token(path) is { } token ? NodeOf(token) : Node(path[..path.LastIndexOfAny(['.', '[', '/'])]);

    /// <summary>The YAML node of the key at <paramref name="path"/> (its value's when it has none).</summary>
    public YamlNode KeyNode(string path) => Token(path)?.Parent is JProperty key ? NodeOf(key) : Node(path);

    /// <summary>The value at <paramref name="path"/> as <typeparamref name="T"/>; a number (a phone number 0123) is read as written.</summary>
    public T Read<T>(string path = "#")
    {
        return JsonSerializer.Deserialize<T>(AsWritten(Token(path)!).ToString(Newtonsoft.Json.Formatting.None), Options)!;

        JToken AsWritten(JToken token) => token switch
        {
            JObject mapping => new JObject(mapping.Properties().Select(p => new JProperty(p.Name, AsWritten(p.Value)))),
            JArray list => new JArray(list.Select(AsWritten)),
            JValue { Type: JTokenType.Integer or JTokenType.Float } number
                when NodeOf(number) is YamlScalarNode { Value: { } written } && written != number.ToString(Newtonsoft.Json.Formatting.None) => new JValue(written),
            _ => token,
        };
    }

    /// <summary>The texts of the item at <paramref name="path"/> by key and path: its values of common.schema.json's <c>text</c> and <c>textList</c>.</summary>
    public IEnumerable<(string Key, string Path)> Texts(string path) =>
        ((JObject)Token(path)!).Properties().SelectMany(p => Declared(p.Value).ActualSchema switch
        {
            var text when PackSchema.IsDefinition(text, "text") => [(p.Name, Child(path, p.Name))],
            var list when PackSchema.IsDefinition(list, "textList") => Enumerable.Range(0, (p.Value as JArray)?.Count ?? 0).Select(i => (p.Name, Child(Child(path, p.Name), i))),
            _ => [],
        });

    /// <summary>What messages call the item at <paramref name="path"/>: "the pack", "year group 'y7'", "year group 2", "settings".</summary>
    public string Subject(string path) => Subject(Token(path)!);

    private static bool Inside(JToken token, JToken item) => token.AncestorsAndSelf().Any(t => ReferenceEquals(t, item));

    private static YamlNode NodeOf(JToken token) => token.Annotation<YamlNode>()!;

    /// <summary>The mapping or list <paramref name="token"/> is in; null for the document.</summary>
    private static JContainer? Owner(JToken token) => token.Parent is JProperty key ? key.Parent : token.Parent;

    /// <summary>The key of <paramref name="token"/> ("minAge", "menu.title") or its index ("[2]").</summary>
    private static string NameOf(JToken token) =>
        token.Parent is JProperty key ? key.Name : string.Create(CultureInfo.InvariantCulture, $"[{((JArray)token.Parent!).IndexOf(token)}]");

    /// <summary>Why an item of <paramref name="shape"/> can't have <paramref name="key"/>, as the schema's <c>notUsedBecause</c> says.</summary>
    private static string? NotUsedBecause(JsonSchema shape, string key) =>
        Extension(shape, "notUsedBecause") is IDictionary<string, object?> reasons && reasons.TryGetValue(key, out var reason) ? reason?.ToString() : null;

    /// <summary>A keyword NJsonSchema does not know (<c>neededBecause</c>, <c>examples</c>, …).</summary>
    private static object? Extension(JsonSchema? schema, string name) =>
        schema?.ExtensionData?.TryGetValue(name, out var value) == true ? value : null;

    private static T Annotated<T>(T token, YamlNode node)
        where T : JToken
    {
        token.AddAnnotation(node);
        return token;
    }

    /// <summary>The YAML <paramref name="node"/> as JSON, each value and key annotated with its node, each value recorded by path.</summary>
    private JToken ToJson(YamlNode node, string path)
    {
        var token = Annotated(node switch
        {
            YamlMappingNode mapping => new JObject(mapping.Children
                .Select(c => (c.Key, Name: (c.Key as YamlScalarNode)?.Value, c.Value))
                .Where(c => c.Name is not null).DistinctBy(c => c.Name) // a key that is no text, or is there twice, is reported by the loader
                .Select(c => Annotated(new JProperty(c.Name!, ToJson(c.Value, Child(path, c.Name!))), c.Key))),
            YamlSequenceNode sequence => new JArray(sequence.Children.Select((item, i) => ToJson(item, Child(path, i)))),
            YamlScalarNode scalar => Scalar(scalar),
            _ => (JToken)JValue.CreateNull(),
        }, node);
        _paths.TryAdd(path, token);
        return token;
    }

    private SchemaBinding Report(YamlNode root)
    {
        var document = ToJson(root, "#");
        ICollection<ValidationError> errors;
        lock (_schema)
        {
            errors = _schema.Validate(document);
        }

        CheckTypes(document, TakenLines());
        var taken = TakenLines();
        var flat = Flatten(errors)
            .Where(e => e.Kind != ValidationErrorKind.PropertyRequired || e.Token is JObject) // not of what is no mapping
            .DistinctBy(e => e.Kind is ValidationErrorKind.NotOneOf ? e.Token : (object)e, ReferenceEqualityComparer.Instance) // of a mapping's key groups, the first broken
            .ToList();
        _invalid.AddRange(flat.Select(e => e.Token is JProperty unknown ? unknown.Value : e.Token!).Concat(_skipped));
        flat.RemoveAll(e => _skipped.Exists(s => Inside(e.Token!, s)));
        foreach (var (node, message) in flat.OrderBy(e => e.Kind == ValidationErrorKind.PropertyRequired).Select(Describe).Distinct()) // what is wrong before what is missing
        {
            Error(node, message, taken);
        }

        CheckRequiredOnceMerged();
        return this;
    }

    /// <summary>Reports each key of an item's <c>requiredOnceMerged</c> it lacks: the merged pack needs what a pack that extends may leave out.</summary>
    private void CheckRequiredOnceMerged()
    {
        foreach (var item in _paths.Values.OfType<JObject>().Where(i => !_invalid.Exists(e => Inside(e, i))).ToList())
        {
            var declared = Declared(item).ActualSchema;
            var shape = declared.AnyOf.Select(a => a.ActualSchema).Prepend(declared).FirstOrDefault(s => Extension(s, "requiredOnceMerged") is not null);
            foreach (var key in (Extension(shape, "requiredOnceMerged") as IEnumerable<object> ?? []).Select(k => k.ToString()!).Where(k => item.Property(k) is null))
            {
                var values = shape!.ActualProperties[key].ActualSchema.Enumeration.Select(v => v?.ToString() ?? "null").ToList();
                problems.Error(file, NodeOf(item), $"{Subject(item)} is missing '{key}'{(values.Count > 0 ? "; expected one of " + YamlNodes.Quote(values) : Because(item, key))}");
                _invalid.Add(item);
            }
        }
    }

    private HashSet<int> TakenLines() => problems.All.Where(p => p.File == file.Name).Select(p => p.Line).ToHashSet();

    /// <summary>Reports <paramref name="message"/> unless something was reported already on one of <paramref name="node"/>'s lines.</summary>
    private void Error(YamlNode node, string message, HashSet<int> taken)
    {
        var first = (int)Math.Max(1, node.Start.Line);
        var last = (int)node.AllNodes.Max(n => n.End.Line);
        if (!Enumerable.Range(first, Math.Max(1, last - first + 1)).Any(taken.Contains))
        {
            problems.Error(file, node, message);
        }
    }

    /// <summary>An item of typed alternatives (a step, a question) has one of their types and only its keys; one without is not checked further.</summary>
    private void CheckTypes(JToken document, HashSet<int> taken)
    {
        foreach (var item in (document as JContainer)?.DescendantsAndSelf().OfType<JObject>() ?? [])
        {
            var typed = PackSchema.Types(Declared(item));
            if (typed.Count == 0 || _skipped.Exists(s => Inside(item, s)))
            {
                continue;
            }

            var (subject, kind, types) = (Subject(item), typed[0].Schema.Title, typed.Select(t => t.Type).ToList());
            var type = item.Property("type");
            var written = (type?.Value as JValue)?.ToString(CultureInfo.InvariantCulture).Trim();
            var shape = typed.Where(t => t.Type == written).Select(t => t.Schema).FirstOrDefault();
            if (shape is null)
            {
                var (node, problem) = type is null ? (NodeOf(item), "is missing 'type'")
                    : string.IsNullOrEmpty(written) ? (NodeOf(type), "has an empty 'type'")
                    : (NodeOf(type.Value), $"has unknown type '{written}'{Suggestions.DidYouMean(written, types)}");
                Error(node, $"{subject} {problem}; expected one of {YamlNodes.Quote(types)}", taken);
                _skipped.Add(item);
                continue;
            }

            foreach (var key in item.Properties().Where(p => !shape.ActualProperties.ContainsKey(p.Name)))
            {
                var users = typed.Where(t => t.Schema.ActualProperties.ContainsKey(key.Name)).Select(t => t.Type).ToList();
                if (NotUsedBecause(shape, key.Name) is { } because)
                {
                    Error(NodeOf(key), $"{subject}: {because}", taken);
                }
                else if (users.Count > 0)
                {
                    Error(NodeOf(key), $"{subject} has key '{key.Name}', which {written} {kind}s don't use; it is for {string.Join(" and ", users)} {kind}s", taken);
                }
            }
        }
    }

    /// <summary>The problems inside nested errors; of an anyOf or oneOf, those of the alternative the value is meant to be.</summary>
    private IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error switch
        {
            ChildSchemaValidationError
            {
                Kind: ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid
                    or ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.NotAllOf,
            } child => Flatten(child.Errors.Values.SelectMany(e => e)),
            MultiTypeValidationError types // of a value of one of its types, what is wrong with it as that
                when types.Errors.Values.FirstOrDefault(e => e.Count > 0 && !e.Any(t => IsWrongType(t.Kind))) is { } asItsType => Flatten(asItsType),
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotOneOf } group when Group(group) is not null => [group],
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } choice
                when choice.Errors.Count > 0 && !choice.Errors.Values.Any(e => e.Count == 0) =>
                Flatten(choice.Errors[Choose(choice.Errors.Keys, choice.Token)]),
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } => [],
            _ => [error],
        });

    /// <summary>The alternative with the item's type, else the one that knows most of its keys and misses fewest required ones.</summary>
    private static JsonSchema Choose(IEnumerable<JsonSchema> alternatives, JToken? data) => alternatives.MaxBy(alternative =>
    {
        var actual = alternative.ActualSchema;
        return data is not JObject item ? 0
            : item["type"] is JValue type && actual.ActualProperties.TryGetValue("type", out var types)
                && types.ActualSchema.Enumeration.Any(v => Equals(v?.ToString(), type.ToString(CultureInfo.InvariantCulture))) ? 1000
            : item.Properties().Count(p => actual.ActualProperties.ContainsKey(p.Name)) - actual.RequiredProperties.Count(r => item[r] is null);
    })!;

    /// <summary>Where a problem is and how it reads.</summary>
    private (YamlNode Node, string Message) Describe(ValidationError error)
    {
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            return (NodeOf(error.Token!), $"{Subject(error.Token!)} is missing '{error.Property}'{Because((JObject)error.Token!, error.Property!)}");
        }

        if (error.Token is JProperty unknown)
        {
            var allowed = SchemaOf(unknown.Parent!).ActualSchema.ActualProperties.Keys.ToList();
            return (NodeOf(unknown), $"{Subject(unknown.Parent!)} has unknown key '{unknown.Name}'{Suggestions.DidYouMean(unknown.Name, allowed)}; expected one of {YamlNodes.Quote(allowed)}");
        }

        var token = error.Token!;
        var (at, owner, index) = (NodeOf(token), Owner(token), token.Parent is JArray);
        var subject = owner is null ? "the file" : Subject(owner);
        var name = owner is null ? null : NameOf(index ? owner : token);
        var empty = $"{subject} has an empty '{name}'{(index || owner is not JObject item ? string.Empty : Because(item, name!))}";
        switch (error.Kind)
        {
            case ValidationErrorKind.NotOneOf when Group(error) is { } group:
                return group;
            case var _ when YamlNodes.IsNull(at):
                return (index || token.Parent is null ? at : NodeOf(token.Parent), empty);
            case var _ when at is YamlScalarNode { Value: { } blank } && blank.Trim().Length == 0 && !index:
            case ValidationErrorKind.StringTooShort or ValidationErrorKind.TooFewItems:
            case ValidationErrorKind.PatternMismatch when error.Schema?.ActualSchema.Pattern == "\\S":
                return (at, empty);
            case ValidationErrorKind.NotInEnumeration:
                var values = error.Schema?.ActualSchema.Enumeration.Select(v => v?.ToString() ?? "null").ToList() ?? [];
                var written = (at as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                return (at, $"{subject} has unknown {name} '{written}'{Suggestions.DidYouMean(written, values)}; expected one of {YamlNodes.Quote(values)}");
            case ValidationErrorKind.PatternMismatch or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig
                when Extension(error.Schema?.ActualSchema, "patternErrorMessage") is { } rule:
                return (at, $"{subject}: '{name}' '{YamlNodes.Shorten((at as YamlScalarNode)?.Value ?? string.Empty)}' {rule}");
            case var kind when owner is null && IsWrongType(kind):
                return (at, $"the file must be a mapping with {And(_schema.ActualProperties.Keys)}, not {YamlNodes.Describe(at)}");
            case var kind when IsWrongType(kind) || kind is ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig:
                var typed = PackSchema.Types(Declared(token));
                var expected = typed.Count > 0
                    ? "a mapping with " + And(typed.Select(t => (IEnumerable<string>)t.Schema.RequiredProperties).Aggregate((a, b) => a.Intersect(b)))
                    : Expected(SchemaOf(token));
                var shown = IsWrongType(error.Kind) ? Written(at) : YamlNodes.Describe(at);
                return (at, !index ? $"{subject}: '{name}' must be {expected}, not {shown}"
                    : SchemaOf(token).ActualSchema.Title is not null ? $"{Subject(token)} must be {expected}, not {shown}"
                    : $"{subject}: each item of '{name}' must be {expected}, not {shown}");
            default:
                return (at, $"{subject}: '{name}' {(error.Kind == ValidationErrorKind.PatternMismatch ? "does not match the pattern " + error.Schema?.Pattern : $"is not valid ({error.Kind})")}");
        }
    }

    private static bool IsWrongType(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected
        or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
        or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates;

    /// <summary>"id", "id and type", "id, type and label"; "nothing".</summary>
    private static string And(IEnumerable<string> names) =>
        names.ToList() is { Count: > 1 } list ? YamlNodes.Quote(list.SkipLast(1)) + " and " + list[^1] : names.FirstOrDefault() ?? "nothing";

    /// <summary>"a whole number of at least 1", "text", … : what a value of <paramref name="schema"/> must be.</summary>
    private static string Expected(JsonSchema schema)
    {
        var (actual, type) = (schema.ActualSchema, schema.ActualSchema.Type);
        string Min() => actual.Minimum is { } min ? string.Create(CultureInfo.InvariantCulture, $" of at least {min}") : string.Empty;
        return type switch
        {
            _ when type.HasFlag(JsonObjectType.String) => "text",
            JsonObjectType.Integer => "a whole number" + Min(),
            JsonObjectType.Number => "a number" + Min(),
            JsonObjectType.Boolean => "true or false",
            JsonObjectType.Array => "a list",
            JsonObjectType.Object when (Extension(actual, "examples") as IEnumerable<object>)?.FirstOrDefault() is IDictionary<string, object> example =>
                $"a mapping such as {{ {string.Join(", ", example.Select(p => $"{p.Key}: {p.Value}"))} }}",
            JsonObjectType.Object => "a mapping (key: value lines)",
            _ => type.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>How a value of the wrong kind reads in a message, saying how YAML took it.</summary>
    private static string Written(YamlNode node) => node is YamlScalarNode scalar && !YamlNodes.IsNull(node)
        ? (Scalar(scalar).Type, YamlNodes.Shorten(scalar.Value ?? string.Empty)) switch
        {
            (JTokenType.Boolean, var text) => $"{text}, which YAML reads as true or false; put it in quotes to make it text",
            (JTokenType.Integer or JTokenType.Float, var text) => $"{text}, which YAML reads as a number",
            (_, var text) when scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) => $"\"{text}\", which the quotes make text",
            (_, var text) => $"'{text}'",
        }
        : YamlNodes.Describe(node);

    /// <summary>Why <paramref name="item"/> needs <paramref name="key"/>, as the schema's <c>neededBecause</c> says: "; an info step needs text".</summary>
    private string Because(JObject item, string key) =>
        SchemaOf(item).ActualSchema.ActualProperties.TryGetValue(key, out var property)
            && (Extension(property, "neededBecause") ?? Extension(property.ActualSchema, "neededBecause")) is { } because
            ? "; " + because.ToString()?.Replace("{type}", item["type"]?.ToString(), StringComparison.Ordinal)
            : string.Empty;

    /// <summary>A oneOf of alternatives that each require keys, none or several given: the schema's <c>noneOfMessage</c> or <c>severalOfMessage</c>.</summary>
    private (YamlNode Node, string Message)? Group(ValidationError error)
    {
        if (error is not ChildSchemaValidationError group || group.Token is not JObject item)
        {
            return null;
        }

        var keys = group.Errors.Keys.SelectMany(a => a.ActualSchema.RequiredProperties.Concat(a.ActualSchema.AnyOf.SelectMany(o => o.ActualSchema.RequiredProperties))).ToList();
        var found = keys.Where(k => item[k] is not null).ToList();
        var name = found.Count == 0 ? "noneOfMessage" : "severalOfMessage";
        if (found.Count == 1 || Extension(error.Schema?.ActualSchema, name)?.ToString() is not { } template)
        {
            return null;
        }

        var message = item.Properties().Aggregate(
            template.Replace("{found}", And(found.Select(k => $"'{k}'")), StringComparison.Ordinal)
                .Replace("{keys}", And(item.Properties().Select(p => $"'{p.Name}'")), StringComparison.Ordinal)
                .Replace("{group}", YamlNodes.Quote(keys), StringComparison.Ordinal),
            (text, p) => text.Replace($"{{{p.Name}}}", p.Value.ToString(), StringComparison.Ordinal));
        return (found.Count > 1 ? NodeOf(item.Property(found[1])!) : NodeOf(item), $"{Subject(item)}: {message}");
    }

    /// <summary>A part of a value whose schema is <c>namedAsAWhole</c> (a condition) is called by that value.</summary>
    private string Subject(JToken token)
    {
        if (token.AncestorsAndSelf().LastOrDefault(t => t is not JProperty && Extension(SchemaOf(t).ActualSchema, "namedAsAWhole") is not null) is { } whole
            && !ReferenceEquals(whole, token))
        {
            return Subject(whole);
        }

        var kind = SchemaOf(token).ActualSchema.Title;
        if (Owner(token) is not { } list)
        {
            return kind ?? file.Name;
        }

        kind ??= NameOf(token).Trim('[', ']');
        var above = Owner(list);
        if (token is JObject item && (item["id"] ?? item["value"]) is { } id && NodeOf(id) is YamlScalarNode { Value: { } text } scalar
            && !YamlNodes.IsNull(scalar) && text.Trim().Length > 0)
        {
            // Ids are unique in the pack; a value only in its list, so it is named with the item that has the list.
            return item["id"] is null && above?.Parent is not null ? $"{kind} '{text.Trim()}' of {Subject(above)}" : $"{kind} '{text.Trim()}'";
        }

        if (token.Parent is JProperty)
        {
            return list.Parent is null ? kind : $"{kind} of {Subject(list)}";
        }

        var number = ((JArray)list).IndexOf(token) + 1;
        var of = above?.Parent is not null ? $" of {Subject(above)}" : NameOf(list) == kind + "s" ? string.Empty : $" of '{NameOf(list)}'";
        return $"{kind} {number}{of}";
    }

    /// <summary>The schema of <paramref name="token"/>; of an anyOf, the alternative it is meant to be.</summary>
    private JsonSchema SchemaOf(JToken token)
    {
        var schema = Declared(token);
        while (schema.ActualSchema.AnyOf.Concat(schema.ActualSchema.OneOf).ToList() is { Count: > 0 } alternatives)
        {
            schema = Choose(alternatives, token);
        }

        return schema;
    }

    /// <summary>The schema <paramref name="token"/> is declared with (an anyOf, before choosing its alternative).</summary>
    private JsonSchema Declared(JToken token)
    {
        if (Owner(token) is not { } owner)
        {
            return _schema;
        }

        var actual = SchemaOf(owner).ActualSchema;
        return token.Parent is not JProperty key ? actual.Item ?? actual
            : actual.ActualProperties.TryGetValue(key.Name, out var property) ? property
            : actual.AdditionalPropertiesSchema ?? actual.PatternProperties.Values.FirstOrDefault() ?? actual;
    }

    /// <summary>A text: YAML may have read it as a number or true/false; trailing white space is not part of it.</summary>
    private sealed class TextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!.TrimEnd(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => null,
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
