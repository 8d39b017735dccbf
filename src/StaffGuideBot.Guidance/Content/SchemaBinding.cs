using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Turns one pack file into model records with its JSON Schema as the one definition of its shape: the YAML is read
/// into JSON with the YAML node of every value and key recorded by path (<see cref="PackSchemaCheck.ToJson"/>),
/// checked against the schema (NJsonSchema), each problem reported at its node in the words of the loader's messages
/// ("year group 'y7': 'minAge' must be a whole number of at least 0, not 'eleven'"), and, when there is none,
/// deserialised by System.Text.Json. What the messages call an item comes from the schema: its <c>title</c> and its
/// <c>id</c> (or <c>value</c>), else its position.
/// </summary>
internal sealed class SchemaBinding
{
    /// <summary>How the checked JSON becomes model records: camelCase keys and enum values, texts with trailing white space removed.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,

        // What is required is the schema's to say (a contact that overrides another's gives only what changes).
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { info => info.Properties.ToList().ForEach(p => p.IsRequired = false) } },
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new TextConverter(), new ConditionConverter() },
    };

    private readonly PackSource _file;
    private readonly ProblemCollector _problems;
    private readonly JsonSchema _schema;
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _errorPaths = [];
    private readonly List<string> _skipped = [];

    private SchemaBinding(PackSource file, ProblemCollector problems, string schemaName)
    {
        _file = file;
        _problems = problems;
        _schema = PackSchemaCheck.Schema(schemaName);
        Document = PackSchemaCheck.ToJson(file.Root!, "#", _values, _keys);
    }

    /// <summary>The file as JSON, paths as NJsonSchema writes them (<c>#/yearGroups[0].minAge</c>).</summary>
    public JToken Document { get; }

    /// <summary>
    /// Checks <paramref name="file"/> against <paramref name="schemaName"/>, reporting each problem not on a line where
    /// something was reported already; the binding when there is none, to deserialise it and find its nodes.
    /// </summary>
    public static SchemaBinding? Check(PackSource? file, ProblemCollector problems, string schemaName) =>
        CheckItems(file, problems, schemaName) is { } binding && binding.IsValid("#") ? binding : null;

    /// <summary>
    /// As <see cref="Check"/>, but the binding even when the file has problems, so that the items without any can still
    /// be read (see <see cref="IsValid"/>) and checked further; null only when there is no file.
    /// </summary>
    /// <param name="before">Checks made before the schema's, whose messages say more than the schema's would (see <see cref="Skip"/>).</param>
    public static SchemaBinding? CheckItems(PackSource? file, ProblemCollector problems, string schemaName, Action<SchemaBinding>? before = null)
    {
        if (file?.Root is null)
        {
            return null;
        }

        var binding = new SchemaBinding(file, problems, schemaName);
        before?.Invoke(binding);
        binding.Report();
        return binding;
    }

    /// <summary>Leaves the schema's problems at <paramref name="path"/> and inside it unreported: a check before it reported the item already.</summary>
    public void Skip(string path) => _skipped.Add(path);

    /// <summary>Whether the schema found nothing wrong at <paramref name="path"/> or inside it.</summary>
    public bool IsValid(string path) => !_errorPaths.Exists(p => Inside(p, path));

    private static bool Inside(string path, string item) =>
        path == item || path.StartsWith(item + ".", StringComparison.Ordinal) || path.StartsWith(item + "[", StringComparison.Ordinal) || (item == "#" && path.Length > 0);

    /// <summary>The number of items of the list at <paramref name="path"/> (0 when there is none).</summary>
    public int Count(string path) => Token(path) is JArray list ? list.Count : 0;

    /// <summary>The document (or the part at <paramref name="path"/>) as <typeparamref name="T"/>.</summary>
    public T Read<T>(string path = "#")
    {
        // A number YAML read from text JSON would write otherwise (a phone number 0123) is read as written.
        var copy = AsWritten(Token(path)!.DeepClone(), path);
        return JsonSerializer.Deserialize<T>(copy.ToString(Newtonsoft.Json.Formatting.None), Options)!;

        JToken AsWritten(JToken token, string at)
        {
            switch (token)
            {
                case JObject mapping:
                    mapping.Properties().ToList().ForEach(p => p.Value = AsWritten(p.Value, Child(at, p.Name)));
                    return mapping;
                case JArray list:
                    Enumerable.Range(0, list.Count).ToList().ForEach(i => list[i] = AsWritten(list[i], Child(at, i)));
                    return list;
                case JValue { Type: JTokenType.Integer or JTokenType.Float } number
                    when _values.GetValueOrDefault(at) is YamlScalarNode { Value: { } written } && written != number.ToString(Newtonsoft.Json.Formatting.None):
                    return new JValue(written);
                default:
                    return token;
            }
        }
    }

    /// <summary>The texts of the item at <paramref name="path"/>, by key and path: its values whose schema is common.schema.json's <c>text</c>, and the items of a <c>textList</c>.</summary>
    public IEnumerable<(string Key, string Path)> Texts(string path) =>
        ((JObject)Token(path)!).Properties().Select(p => (p.Name, At: Child(path, p.Name))).SelectMany(p => Declared(p.At).ActualSchema switch
        {
            var text when PackSchema.IsDefinition(text, "text") => [(p.Name, p.At)],
            var list when PackSchema.IsDefinition(list, "textList") => Enumerable.Range(0, Count(p.At)).Select(i => (p.Name, Child(p.At, i))),
            _ => [],
        });

    /// <summary>The path of key <paramref name="name"/> of the mapping at <paramref name="path"/>, as NJsonSchema writes it (a key may have dots: texts' 'menu.title').</summary>
    public static string Child(string path, string name) => path == "#" ? "#/" + name : path + "." + name;

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="path"/>.</summary>
    public static string Child(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>The YAML node of the value at <paramref name="path"/>, or of the nearest value above it.</summary>
    public YamlNode Node(string path)
    {
        for (var at = path; ; at = Parent(at))
        {
            if (_values.TryGetValue(at, out var node))
            {
                return node;
            }

            if (at == "#")
            {
                return _file.Root!;
            }
        }
    }

    /// <summary>Whether the file has a value at <paramref name="path"/>.</summary>
    public bool Has(string path) => _values.ContainsKey(path);

    /// <summary>The YAML node of the key at <paramref name="path"/> (its value's when it has none).</summary>
    public YamlNode KeyNode(string path) => _keys.GetValueOrDefault(path) ?? Node(path);

    private void Report()
    {
        ICollection<ValidationError> errors;
        lock (_schema)
        {
            errors = _schema.Validate(Document);
        }

        var taken = TakenLines();
        CheckTypes(taken);
        taken = TakenLines();
        var flat = Flatten(errors)
            .Where(e => e.Kind != ValidationErrorKind.PropertyRequired || Token(Parent(PathOf(e))) is JObject) // not of what is no mapping
            .DistinctBy(e => e.Kind is ValidationErrorKind.NotOneOf ? PathOf(e) : (object)e) // of a mapping's key groups, the first broken
            .ToList();
        _errorPaths.AddRange(flat.Select(PathOf).Concat(_skipped));
        flat.RemoveAll(e => _skipped.Exists(s => Inside(PathOf(e), s)));
        foreach (var (node, message) in flat.OrderBy(e => e.Kind == ValidationErrorKind.PropertyRequired).Select(Describe).Distinct()) // what is wrong before what is missing
        {
            Error(node, message, taken);
        }

        CheckRequiredOnceMerged();
    }

    /// <summary>
    /// Reports each key that an item's schema lists in <c>requiredOnceMerged</c> and the item lacks. A pack that extends
    /// another gives only what changes, so the schema can't require them, but the merged file read here must have them;
    /// an item lacking one is not valid (see <see cref="IsValid"/>). Said with the key's enum, or its <c>neededBecause</c>.
    /// </summary>
    private void CheckRequiredOnceMerged()
    {
        foreach (var path in _values.Keys.Where(p => Token(p) is JObject && IsValid(p)).ToList())
        {
            var declared = Declared(path).ActualSchema;
            var item = declared.AnyOf.Select(a => a.ActualSchema).Prepend(declared).FirstOrDefault(s => Extension(s, "requiredOnceMerged") is not null);
            foreach (var key in (Extension(item, "requiredOnceMerged") as IEnumerable<object> ?? []).Select(k => k.ToString()!).Where(k => !Has(Child(path, k))))
            {
                var values = item!.ActualProperties[key].ActualSchema.Enumeration.Select(v => v?.ToString() ?? "null").ToList();
                _problems.Error(_file, Node(path), $"{Subject(path)} is missing '{key}'{(values.Count > 0 ? "; expected one of " + YamlNodes.Quote(values) : Because(Child(path, key)))}");
                _errorPaths.Add(path);
            }
        }
    }

    /// <summary>The lines of this file something was reported on already.</summary>
    private HashSet<int> TakenLines() => _problems.All.Where(p => p.File == _file.Name).Select(p => p.Line).ToHashSet();

    /// <summary>Reports <paramref name="message"/> unless something was reported already on one of <paramref name="node"/>'s lines.</summary>
    private void Error(YamlNode node, string message, HashSet<int> taken)
    {
        var first = (int)Math.Max(1, node.Start.Line);
        var last = (int)node.AllNodes.Max(n => n.End.Line);
        if (!Enumerable.Range(first, Math.Max(1, last - first + 1)).Any(taken.Contains))
        {
            _problems.Error(_file, node, message);
        }
    }

    /// <summary>
    /// What makes an item of an anyOf of typed alternatives (a step, a question) what it is: one of their types, and
    /// only the keys of its type, said as such ("has unknown type 'repat' (did you mean 'repeat'?)", "has key
    /// 'fields', which info steps don't use; it is for form and repeat steps"). An item without a known type is
    /// not checked further (see <see cref="Skip"/>).
    /// </summary>
    private void CheckTypes(HashSet<int> taken)
    {
        foreach (var path in _values.Keys.Where(p => Token(p) is JObject).ToList())
        {
            var typed = PackSchema.Types(Declared(path));
            if (typed.Count == 0 || _skipped.Exists(s => Inside(path, s)))
            {
                continue;
            }

            var subject = Subject(path);
            var kind = typed[0].Schema.Title;
            var types = typed.Select(t => t.Type).ToList();
            var written = (Token(path + ".type") as JValue)?.ToString(CultureInfo.InvariantCulture).Trim();
            var shape = typed.Where(t => t.Type == written).Select(t => t.Schema).FirstOrDefault();
            if (shape is null)
            {
                var problem = !Has(path + ".type") ? "is missing 'type'" : string.IsNullOrEmpty(written) ? "has an empty 'type'" : $"has unknown type '{written}'{Suggestions.DidYouMean(written, types)}";
                Error(!Has(path + ".type") ? Node(path) : string.IsNullOrEmpty(written) ? KeyNode(path + ".type") : Node(path + ".type"), $"{subject} {problem}; expected one of {YamlNodes.Quote(types)}", taken);
                Skip(path);
                continue;
            }

            foreach (var key in ((JObject)Token(path)!).Properties().Select(p => p.Name).Where(k => !shape.ActualProperties.ContainsKey(k)))
            {
                var users = typed.Where(t => t.Schema.ActualProperties.ContainsKey(key)).Select(t => t.Type).ToList();
                if (users.Count > 0)
                {
                    Error(KeyNode(Child(path, key)), $"{subject} has key '{key}', which {written} {kind}s don't use; it is for {string.Join(" and ", users)} {kind}s", taken);
                }
            }
        }
    }

    /// <summary>The problems inside nested errors; of the alternatives of an anyOf or oneOf, those of the one the value is meant to be (see <see cref="Choose"/>).</summary>
    private IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error switch
        {
            ChildSchemaValidationError
            {
                Kind: ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid
                    or ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.NotAllOf,
            } child => Flatten(child.Errors.Values.SelectMany(e => e)),
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotOneOf } group when Group(group) is not null => [group],
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } choice
                when choice.Errors.Count > 0 && !choice.Errors.Values.Any(e => e.Count == 0) =>
                Flatten(choice.Errors[Choose(choice.Errors.Keys, Token(PathOf(error)))]),
            ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } => [],
            _ => [error],
        });

    /// <summary>
    /// Which of <paramref name="alternatives"/> <paramref name="data"/> is meant to be: the one whose <c>type</c> enum
    /// has its type, else the one that knows most of its keys and misses fewest of its required ones (the first on a tie).
    /// </summary>
    private static JsonSchema Choose(IEnumerable<JsonSchema> alternatives, JToken? data)
    {
        var list = alternatives.ToList();
        return list.MaxBy(alternative =>
        {
            var actual = alternative.ActualSchema;
            if (data is not JObject item)
            {
                return 0;
            }

            if (item["type"] is JValue type && actual.ActualProperties.TryGetValue("type", out var typeSchema)
                && typeSchema.ActualSchema.Enumeration.Any(v => Equals(v?.ToString(), type.ToString(CultureInfo.InvariantCulture))))
            {
                return 1000;
            }

            return item.Properties().Count(p => actual.ActualProperties.ContainsKey(p.Name)) - actual.RequiredProperties.Count(r => item[r] is null);
        }) ?? list[0];
    }

    /// <summary>The JSON at <paramref name="path"/>, or null.</summary>
    public JToken? Token(string path) => Walk(path).Token;

    /// <summary>Where a problem is and how it reads.</summary>
    private (YamlNode Node, string Message) Describe(ValidationError error)
    {
        var path = PathOf(error);
        var (owner, ownerSchema, key) = path == "#" ? ("#", _schema, (string?)null) : (Parent(path), SchemaAt(Parent(path)), Last(path));
        var subject = owner == "#" && key is null ? "the file" : Subject(owner);
        var value = _values.GetValueOrDefault(path);
        var index = key is not null && key.StartsWith('[');
        var name = index ? Last(owner) : key;
        switch (error.Kind)
        {
            case ValidationErrorKind.NotOneOf when Group(error) is { } group:
                return group;
            case not ValidationErrorKind.PropertyRequired and not ValidationErrorKind.NoAdditionalPropertiesAllowed when value is not null && YamlNodes.IsNull(value):
                return (index ? Node(path) : KeyNode(path), $"{subject} has an empty '{name}'{(index ? string.Empty : Because(path))}");
            case not ValidationErrorKind.PropertyRequired and not ValidationErrorKind.NoAdditionalPropertiesAllowed when value is YamlScalarNode { Value: { } blank } && blank.Trim().Length == 0 && !index:
                return (Node(path), $"{subject} has an empty '{name}'{Because(path)}");
            case ValidationErrorKind.PropertyRequired:
                return (Node(owner), $"{subject} is missing '{error.Property}'{Because(path)}");
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var allowed = ownerSchema.ActualSchema.ActualProperties.Keys.ToList();
                return (KeyNode(path), $"{subject} has unknown key '{error.Property}'{Suggestions.DidYouMean(error.Property!, allowed)}; expected one of {YamlNodes.Quote(allowed)}");
            case ValidationErrorKind.NotInEnumeration:
                var values = error.Schema?.ActualSchema.Enumeration.Select(v => v?.ToString() ?? "null").ToList() ?? [];
                var written = (value as YamlScalarNode)?.Value?.Trim() ?? string.Empty;
                return (Node(path), $"{subject} has unknown {name} '{written}'{Suggestions.DidYouMean(written, values)}; expected one of {YamlNodes.Quote(values)}");
            case ValidationErrorKind.StringTooShort or ValidationErrorKind.TooFewItems:
            case ValidationErrorKind.PatternMismatch when error.Schema?.ActualSchema.Pattern == "\\S":
                return (Node(path), $"{subject} has an empty '{name}'{(index ? string.Empty : Because(path))}");
            case ValidationErrorKind.PatternMismatch when PatternMessage(error.Schema) is { } rule:
                return (Node(path), $"{subject}: '{name}' '{YamlNodes.Shorten((value as YamlScalarNode)?.Value ?? string.Empty)}' {rule}");
            case var kind when IsWrongType(kind) || kind is ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig:
                var typed = PackSchema.Types(Declared(path));
                var expected = typed.Count > 0
                    ? "a mapping with " + And(typed.Select(t => (IEnumerable<string>)t.Schema.RequiredProperties).Aggregate((a, b) => a.Intersect(b)))
                    : Expected(SchemaAt(path));
                var at = Node(path);
                if (path == "#")
                {
                    return (at, $"the file must be a mapping with {And(_schema.ActualProperties.Keys)}, not {YamlNodes.Describe(at)}");
                }

                var shown = IsWrongType(error.Kind) ? PackSchemaCheck.Written(at) : YamlNodes.Describe(at);
                return (at, index
                    ? SchemaAt(path).ActualSchema.Title is not null ? $"{Subject(path)} must be {expected}, not {shown}" : $"{subject}: each item of '{name}' must be {expected}, not {shown}"
                    : $"{subject}: '{name}' must be {expected}, not {shown}");
            default:
                return (Node(path), $"{subject}: '{name}' {(error.Kind == ValidationErrorKind.PatternMismatch ? "does not match the pattern " + error.Schema?.Pattern : $"is not valid ({error.Kind})")}");
        }
    }

    private static bool IsWrongType(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected
        or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
        or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates;

    /// <summary>"id", "id and type", "id, type and label".</summary>
    private static string And(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count > 1 ? YamlNodes.Quote(list.SkipLast(1)) + " and " + list[^1] : list.FirstOrDefault() ?? string.Empty;
    }

    /// <summary>"a whole number of at least 1", "text", … : what a value of <paramref name="schema"/> must be.</summary>
    private static string Expected(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        var type = actual.Type;
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

    /// <summary>
    /// Why the item needs the key at <paramref name="path"/>, as its schema (or the definition it refers to) says
    /// (<c>neededBecause</c>, where {type} is the item's type): "; an info step needs text".
    /// </summary>
    private string Because(string path) =>
        !Last(path).StartsWith('[') && SchemaAt(Parent(path)).ActualSchema.ActualProperties.TryGetValue(Last(path), out var property)
            && (Extension(property, "neededBecause") ?? Extension(property.ActualSchema, "neededBecause")) is { } because
            ? "; " + because.ToString()?.Replace("{type}", Token(Parent(path) + ".type")?.ToString(), StringComparison.Ordinal)
            : string.Empty;

    /// <summary>
    /// A oneOf whose alternatives each require keys ("exactly one of these"), when none or several of them are given:
    /// the schema's <c>noneOfMessage</c> or <c>severalOfMessage</c>, where {found} is the keys given, {keys} the item's
    /// keys, {group} the keys to choose from and {key} the item's value of that key. Null when one is given (the
    /// problems of its alternative are said instead) or the schema has no such message.
    /// </summary>
    private (YamlNode Node, string Message)? Group(ValidationError error)
    {
        var path = PathOf(error);
        if (error is not ChildSchemaValidationError group || Token(path) is not JObject item)
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
            template.Replace("{found}", And(found), StringComparison.Ordinal)
                .Replace("{keys}", And(item.Properties().Select(p => p.Name)), StringComparison.Ordinal)
                .Replace("{group}", YamlNodes.Quote(keys), StringComparison.Ordinal),
            (text, p) => text.Replace($"{{{p.Name}}}", p.Value.ToString(), StringComparison.Ordinal));
        return (found.Count > 1 ? KeyNode(Child(path, found[1])) : Node(path), $"{Subject(path)}: {message}");

        static string And(IEnumerable<string> names) =>
            names.Select(n => $"'{n}'").ToList() is var quoted && quoted.Count > 1 ? $"{string.Join(", ", quoted.SkipLast(1))} and {quoted[^1]}" : quoted.FirstOrDefault() ?? "nothing";
    }

    /// <summary>How the schema explains a pattern to people (<c>patternErrorMessage</c>, which editors show too).</summary>
    private static string? PatternMessage(JsonSchema? schema) => Extension(schema?.ActualSchema, "patternErrorMessage")?.ToString();

    /// <summary>The value of a keyword of the schema that NJsonSchema does not know (<c>neededBecause</c>, <c>examples</c>, …).</summary>
    private static object? Extension(JsonSchema? schema, string name) =>
        schema?.ExtensionData?.TryGetValue(name, out var value) == true ? value : null;

    /// <summary>
    /// What messages call the item at <paramref name="path"/>: "the pack", "year group 'y7'", "year group 2", "settings";
    /// a part of a value whose schema is <c>namedAsAWhole</c> (a condition) is called by that value ("showIf of step 'x'").
    /// </summary>
    public string Subject(string path)
    {
        var parts = Walk(path).Parts;
        var whole = Enumerable.Range(1, parts.Count).Select(n => Join(parts.Take(n)))
            .FirstOrDefault(p => Extension(SchemaAt(p).ActualSchema, "namedAsAWhole") is not null);
        if (whole is not null && whole != path)
        {
            return Subject(whole);
        }

        var schema = SchemaAt(path).ActualSchema;
        if (path == "#")
        {
            return schema.Title ?? _file.Name;
        }

        var last = Last(path);
        var kind = schema.Title ?? last.Trim('[', ']');
        var list = Parent(path);
        var byValue = !_values.ContainsKey(path + ".id");
        var id = _values.GetValueOrDefault(path + ".id") ?? _values.GetValueOrDefault(path + ".value");
        if (id is YamlScalarNode { Value: { } text } && !YamlNodes.IsNull(id) && text.Trim().Length > 0)
        {
            // Ids are unique in the pack; a value only in its list, so it is named with the item that has the list.
            return byValue && Parent(list) != "#" ? $"{kind} '{text.Trim()}' of {Subject(Parent(list))}" : $"{kind} '{text.Trim()}'";
        }

        if (!last.StartsWith('['))
        {
            return list == "#" ? kind : $"{kind} of {Subject(list)}";
        }

        var number = int.Parse(last.Trim('[', ']'), CultureInfo.InvariantCulture) + 1;
        var of = Parent(list) == "#" ? (Last(list) == kind + "s" ? string.Empty : $" of '{Last(list)}'") : $" of {Subject(Parent(list))}";
        return $"{kind} {number}{of}";
    }

    /// <summary>The schema of the value at <paramref name="path"/> (the root's for "#"); of an anyOf, the alternative it is meant to be.</summary>
    private JsonSchema SchemaAt(string path) => Alternative(Declared(path), path);

    /// <summary>The schema the value at <paramref name="path"/> is declared with (an anyOf, before choosing its alternative).</summary>
    private JsonSchema Declared(string path)
    {
        var schema = _schema;
        var at = "#";
        foreach (var part in Walk(path).Parts)
        {
            var actual = Alternative(schema, at).ActualSchema;
            var index = part.StartsWith('[');
            at = index ? at + part : Child(at, part);
            schema = index
                ? actual.Item ?? actual
                : actual.ActualProperties.TryGetValue(part, out var property) ? property
                : actual.AdditionalPropertiesSchema ?? actual.PatternProperties.Values.FirstOrDefault() ?? actual;
        }

        return schema;
    }

    /// <summary>The alternative of an anyOf or oneOf schema that the value at <paramref name="path"/> is meant to be.</summary>
    private JsonSchema Alternative(JsonSchema schema, string path)
    {
        var actual = schema.ActualSchema;
        var alternatives = actual.AnyOf.Concat(actual.OneOf).ToList();
        return alternatives.Count == 0 ? schema : Alternative(Choose(alternatives, Token(path)), path);
    }

    /// <summary>Where <paramref name="error"/> is, as <see cref="Child(string, string)"/> writes paths.</summary>
    private string PathOf(ValidationError error) => string.IsNullOrEmpty(error.Path) ? "#" : Join(Walk(error.Path).Parts);

    private string Parent(string path) => Join(Walk(path).Parts.SkipLast(1));

    private static string Join(IEnumerable<string> parts) => parts.Aggregate("#", (at, part) => part.StartsWith('[') ? at + part : Child(at, part));

    /// <summary>The last part of a path: a key ("minAge", "menu.title") or an index ("[2]").</summary>
    private string Last(string path) => Walk(path).Parts is { Count: > 0 } parts ? parts[^1] : "#";

    /// <summary>
    /// The keys and indexes of <paramref name="path"/> ("#/steps[2].question" is steps, [2], question) and the JSON
    /// there. A key may have dots in it, so the document tells where one ends: the longest key of the mapping that the
    /// path goes on with; one it lacks (a missing key) is the rest of the path.
    /// </summary>
    private (List<string> Parts, JToken? Token) Walk(string path)
    {
        var parts = new List<string>();
        JToken? at = Document;
        var rest = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : string.Empty;
        while (rest.Length > 0)
        {
            if (rest.StartsWith("['", StringComparison.Ordinal))
            {
                // NJsonSchema writes a key with dots in it as JSON.NET does: ['menu.title'].
                var quoted = rest[2..rest.IndexOf("']", StringComparison.Ordinal)];
                parts.Add(quoted);
                at = (at as JObject)?[quoted];
                rest = rest[(quoted.Length + 4)..];
                continue;
            }

            if (rest[0] == '[')
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                var index = int.Parse(rest[1..close], CultureInfo.InvariantCulture);
                parts.Add(rest[..(close + 1)]);
                at = at is JArray list && index < list.Count ? list[index] : null;
                rest = rest[(close + 1)..];
                continue;
            }

            rest = rest.StartsWith('.') ? rest[1..] : rest;
            var tail = rest;
            var name = (at as JObject)?.Properties().Select(p => p.Name)
                .Where(n => tail.StartsWith(n, StringComparison.Ordinal) && (tail.Length == n.Length || tail[n.Length] is '.' or '['))
                .MaxBy(n => n.Length)
                ?? (at is JObject ? rest : rest[..(rest.IndexOfAny(['.', '[']) is var end and >= 0 ? end : rest.Length)]);
            parts.Add(name);
            at = (at as JObject)?[name];
            rest = rest[name.Length..];
        }

        return (parts, at);
    }

    /// <summary>A text of the pack: YAML may have read it as a number or true/false; trailing white space is not part of it.</summary>
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
