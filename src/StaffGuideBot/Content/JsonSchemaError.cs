using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace StaffGuideBot.Content;

/// <summary>
/// One problem found by a JSON Schema: where (an NJsonSchema path such as <c>#/body[3].items[0]</c>; for a property
/// that is not allowed, the property's own path), what kind, and what is wrong, e.g. "must be text".
/// </summary>
public sealed record JsonSchemaError(string Path, ValidationErrorKind Kind, string Message);
