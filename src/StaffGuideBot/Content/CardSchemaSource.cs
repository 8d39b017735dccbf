using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace StaffGuideBot.Content;

/// <summary>Where the Adaptive Card schema came from (a file or a web address), or why there is none.</summary>
/// <param name="Schema">The schema; null when none could be read.</param>
/// <param name="Where">The file or address it was read from; when <paramref name="Schema"/> is null, why there is none.</param>
public sealed record CardSchemaSource(JsonSchema? Schema, string Where);
