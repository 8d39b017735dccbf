using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace StaffGuideBot.Content;

/// <summary>
/// Turns NJsonSchema's nested validation errors into one readable line per problem. Of the alternatives of an
/// anyOf or oneOf (a family of step, element or action types, each pinning its "type"), only the ones whose type
/// matched are followed; errors of alternatives for other types are noise.
/// </summary>
public static class JsonSchemaErrors
{
    /// <summary>
    /// Validates <paramref name="document"/> and describes every problem. NJsonSchema resolves references lazily and
    /// is not thread-safe, so validations of one schema are made one at a time.
    /// </summary>
    public static IReadOnlyList<JsonSchemaError> Validate(JsonSchema schema, JToken document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ICollection<ValidationError> errors;
        lock (schema)
        {
            errors = schema.Validate(document);
        }

        return errors.SelectMany(e => Describe(e, document)).Distinct().ToList();
    }

    /// <summary>Parses JSON for NJsonSchema without turning date-like strings into dates.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        return JToken.ReadFrom(reader);
    }

    private static List<JsonSchemaError> Describe(ValidationError error, JToken document)
    {
        var path = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        switch (error)
        {
            case { Kind: ValidationErrorKind.PropertyRequired }:
                return [new(Parent(path), error.Kind, $"is missing '{error.Property}'")];
            case ChildSchemaValidationError { Kind: ValidationErrorKind.ArrayItemNotValid or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid } items:
                return items.Errors.Values.SelectMany(errors => errors).SelectMany(e => Describe(e, document)).ToList();
            case ChildSchemaValidationError { Kind: ValidationErrorKind.NotAllOf } all:
                return all.Errors.Values.SelectMany(errors => errors).SelectMany(e => Describe(e, document)).ToList();
            case ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } choice:
                return Alternatives(choice, path, document);
            case MultiTypeValidationError types:
                var specific = types.Errors.Values.FirstOrDefault(errors => errors.Any(e => !IsTypeExpected(e.Kind)));
                return specific is not null
                    ? specific.SelectMany(e => Describe(e, document)).ToList()
                    : [new(path, error.Kind, $"must be {string.Join(" or ", types.Errors.Keys.OrderBy(TypeRank).Select(TypeName))}")];
            default:
                return [new(path, error.Kind, Message(error))];
        }
    }

    private static List<JsonSchemaError> Alternatives(ChildSchemaValidationError choice, string path, JToken document)
    {
        var branches = choice.Errors.Values.Select(errors => (Raw: errors, Described: errors.SelectMany(e => Describe(e, document)).ToList())).ToList();
        if (branches.Count > 0 && branches.Exists(b => b.Described.Count == 0))
        {
            // An alternative with nothing wrong that could be said: a oneOf matching several is odd, not wrong.
            return [];
        }

        var matching = branches.Where(b => !FailsOnType(b.Raw)).ToList();
        if (matching.Count == 0)
        {
            var type = TypeAt(document, path);
            return [new(path, choice.Kind, type is null ? "matches none of the allowed kinds; it needs a 'type'" : $"has unknown type '{type}'")];
        }

        // The alternative of its type (or, when several are, the one it comes closest to).
        return matching.MinBy(b => b.Described.Count).Described;
    }

    /// <summary>An alternative that fails because "type" is another value (directly, or inside an allOf).</summary>
    private static bool FailsOnType(ICollection<ValidationError> errors) =>
        errors.Any(e =>
            (e.Kind == ValidationErrorKind.NotInEnumeration && e.Property == "type")
            || (e is ChildSchemaValidationError { Kind: ValidationErrorKind.NotAllOf } all && all.Errors.Values.Any(FailsOnType)));

    private static string? TypeAt(JToken document, string path)
    {
        var jsonPath = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        try
        {
            var token = jsonPath.Length == 0 ? document : document.SelectToken(jsonPath);
            return token?["type"] is JValue { Type: JTokenType.String } value ? (string?)value : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('/'));
        return cut <= 1 ? "#" : path[..cut];
    }

    private static bool IsTypeExpected(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected
        or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected;

    private static int TypeRank(JsonObjectType type) => type switch
    {
        JsonObjectType.String => 0,
        JsonObjectType.Number => 1,
        JsonObjectType.Integer => 2,
        JsonObjectType.Boolean => 3,
        _ => 4,
    };

    private static string TypeName(JsonObjectType type) => type switch
    {
        JsonObjectType.String => "text",
        JsonObjectType.Number => "a number",
        JsonObjectType.Integer => "a whole number",
        JsonObjectType.Boolean => "true or false",
        JsonObjectType.Object => "a mapping (object)",
        JsonObjectType.Array => "a list (array)",
        JsonObjectType.Null => "empty (null)",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>What is wrong, in a few words ("must be text"), from the kind of problem and the schema.</summary>
    private static string Message(ValidationError error)
    {
        var schema = error.Schema;
        string N(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return error.Kind switch
        {
            ValidationErrorKind.StringExpected => "must be text",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.IntegerExpected => "must be a whole number",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be a mapping (object)",
            ValidationErrorKind.ArrayExpected => "must be a list (array)",
            ValidationErrorKind.NullExpected => "must be empty (null)",
            ValidationErrorKind.PatternMismatch => $"does not match the pattern {schema?.Pattern}",
            ValidationErrorKind.StringTooShort => $"is too short; expected at least {schema?.MinLength} character(s)",
            ValidationErrorKind.StringTooLong => $"is too long; expected at most {schema?.MaxLength} character(s)",
            ValidationErrorKind.NumberTooSmall => schema?.IsExclusiveMinimum == true || schema?.ExclusiveMinimum is not null ? $"must be more than {N(schema.ExclusiveMinimum ?? schema.Minimum)}" : $"must be at least {N(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig => schema?.IsExclusiveMaximum == true || schema?.ExclusiveMaximum is not null ? $"must be less than {N(schema.ExclusiveMaximum ?? schema.Maximum)}" : $"must be at most {N(schema?.Maximum)}",
            ValidationErrorKind.TooFewItems => $"needs at least {schema?.MinItems} item(s)",
            ValidationErrorKind.TooManyItems => $"may have at most {schema?.MaxItems} item(s)",
            ValidationErrorKind.ItemsNotUnique => "has the same item twice",
            ValidationErrorKind.NotInEnumeration => $"must be one of {string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? [])}",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not allowed here",
            ValidationErrorKind.ExcludedSchemaValidates => "is not allowed here",
            _ => $"is not valid ({error.Kind})",
        };
    }
}
