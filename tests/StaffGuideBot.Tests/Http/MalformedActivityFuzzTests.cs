using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>
/// Thousands of malformed activities (valid messages and invokes, mutated from a fixed seed) posted to the real host,
/// in local mode and with an app id: none gets a 5xx, none makes a turn throw, and the bot is healthy afterwards.
/// </summary>
public sealed class MalformedActivityFuzzTests
{
    private const int Seed = 20261202;
    private const int Requests = 1500;
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private static readonly string[] TopLevelFields =
    [
        "type", "id", "channelId", "serviceUrl", "from", "recipient", "conversation", "entities", "channelData", "value",
        "attachments", "membersAdded", "membersRemoved", "text", "locale", "deliveryMode", "name", "timestamp", "replyToId",
        "textFormat", "relatesTo", "listenFor", "expiration", "valueType", "callerId", "localTimestamp",
    ];

    private static readonly string[] OddStrings =
    [
        string.Empty, " ", "\u0000", "\ud800", "\udfff", "a\u202Eb", "\u200B", "👩🏽‍🏫", "e\u0301\u0301\u0301", "\r\n\t",
        "<at>StaffGuideBot</at>", "<img src=x>", "{{dslShort}}", "{reference}", "null", "true", "-1", "1e400",
        "message", "invoke", "expectReplies", "adaptiveCard/action", "mention", "channel", "personal", "msteams",
        "https://smba.trafficmanager.net/uk/", "http://[::1", "../../etc/passwd", "29:user-alex", "28:bot",
    ];

    [Fact]
    public async Task Local_mode_survives_thousands_of_malformed_activities()
    {
        await using var factory = new BotApplicationFactory();
        await FuzzAsync(factory, random => null, new Random(Seed));
    }

    [Fact]
    public async Task With_an_app_id_the_bot_survives_thousands_of_malformed_activities_and_tokens()
    {
        await using var openId = await LocalOpenIdServer.StartAsync();
        await using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-in-these-tests",
            ["MicrosoftAppTenantId"] = LocalOpenIdServer.TenantId,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = openId.ChannelMetadataUrl,
            ["BotAuthentication:EntraOpenIdMetadataUrl"] = openId.EntraMetadataUrl,
        }, remoteAddress: IPAddress.Parse("52.112.0.10"));
        var channelToken = "Bearer " + LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl);
        var entraToken = "Bearer " + LocalOpenIdServer.EntraToken(AppId, caller: AppId);
        string[] badHeaders =
        [
            "Bearer", "Bearer not.a.jwt", "Basic Zm9vOmJhcg==", "Bearer " + new string('x', 20_000), "Bearer ..",
            "Bearer " + LocalOpenIdServer.UnsignedChannelToken(AppId, Activities.ServiceUrl), "Bearer e30.e30.e30", "Bearer %C3%A9.e30.e30",
        ];

        await FuzzAsync(factory, random => random.Next(10) switch
        {
            < 7 => channelToken,
            7 => entraToken,
            _ => badHeaders[random.Next(badHeaders.Length)],
        }, new Random(Seed + 1));
    }

    private static async Task FuzzAsync(BotApplicationFactory factory, Func<Random, string?> authorization, Random random)
    {
        using var client = factory.CreateClient();
        var failures = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            var body = NextBody(random, i);
            using var request = Activities.Post(body);
            if (authorization(random) is { } header)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }

            try
            {
                using var response = await client.SendAsync(request);
                // 501 is the protocol's answer to an invoke the bot does not implement (any name but adaptiveCard/action), not a failure.
                var unimplementedInvoke = response.StatusCode == HttpStatusCode.NotImplemented
                    && body.Contains("\"type\":\"invoke\"", StringComparison.Ordinal)
                    && !body.Contains("\"name\":\"adaptiveCard/action\"", StringComparison.Ordinal);
                if ((int)response.StatusCode >= 500 && !unimplementedInvoke)
                {
                    failures.Add($"#{i}: {(int)response.StatusCode} for {Shorten(body)}");
                }
            }
#pragma warning disable CA1031 // Any exception out of the host is a failure to report with its input.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"#{i}: {ex.GetType().Name} {ex.Message} for {Shorten(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests failed:\n{string.Join('\n', failures.Take(15))}");
        var errors = factory.Logs.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} error log lines, e.g.:\n{string.Join('\n', errors.Take(5).Select(e => e.Length > 600 ? e[..600] : e))}");
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string NextBody(Random random, int index)
    {
        if (index % 50 == 49)
        {
            return RawJunk(random);
        }

        var activity = Template(random);
        var mutations = 1 + random.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            Mutate(activity, random);
        }

        return activity.ToJsonString();
    }

    private static JsonObject Template(Random random)
    {
        var conversation = "a:fuzz-" + random.Next(20);
        var activity = (random.Next(6)) switch
        {
            0 => Activities.Message("hello", conversation),
            1 => Activities.Message(null, conversation, value: new { menu = "report" }),
            2 => Activities.ChannelMessage("status", "19:dsl@thread.tacv2", "dsl-object-id"),
            3 => Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "acknowledge", data = new { reference = "SG-2026-0001" } } }, conversation),
            4 => ConversationUpdate(conversation),
            _ => Activities.Message("report", conversation, deliveryMode: DeliveryModes.ExpectReplies),
        };
        return JsonNode.Parse(BotJson.Serialize(activity))!.AsObject();
    }

    private static Activity ConversationUpdate(string conversation)
    {
        var activity = Activities.Message(null, conversation);
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.MembersAdded = [new ChannelAccount { Id = "28:bot" }, new ChannelAccount { Id = "29:user-alex" }];
        return activity;
    }

    private static void Mutate(JsonObject activity, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                activity.Remove(TopLevelFields[random.Next(TopLevelFields.Length)]);
                break;
            case 1:
                activity[TopLevelFields[random.Next(TopLevelFields.Length)]] = RandomValue(random, 0);
                break;
            default:
                var places = new List<(JsonNode Parent, object Key)>();
                Collect(activity, places);
                var (parent, key) = places[random.Next(places.Count)];
                var remove = random.Next(4) == 0;
                if (parent is JsonObject obj)
                {
                    if (remove)
                    {
                        obj.Remove((string)key);
                    }
                    else
                    {
                        obj[(string)key] = RandomValue(random, 0);
                    }
                }
                else if (parent is JsonArray array)
                {
                    if (remove)
                    {
                        array.RemoveAt((int)key);
                    }
                    else
                    {
                        array[(int)key] = RandomValue(random, 0);
                    }
                }

                break;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    places.Add((obj, key));
                    if (child is not null)
                    {
                        Collect(child, places);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, places);
                    }
                }

                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth)
    {
        switch (random.Next(depth > 3 ? 8 : 11))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonValue.Create(random.Next(3) switch { 0 => -1, 1 => 0, _ => int.MaxValue });
            case 3: return JsonValue.Create(random.Next(2) == 0 ? 1e300 : -0.5);
            case 4: return JsonValue.Create(new string("xé👩"[random.Next(3)], 1 + random.Next(random.Next(10) == 0 ? 40_000 : 40)));
            case 5:
            case 6:
            case 7: return JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]);
            case 8:
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Add(RandomValue(random, depth + 1));
                }

                return array;
            case 9:
                var obj = new JsonObject();
                foreach (var name in new[] { "id", "type", "name", "text", "mentioned", "action", "data", "tenant", "channel", "verb" }.OrderBy(_ => random.Next()).Take(random.Next(4)))
                {
                    obj[name] = RandomValue(random, depth + 1);
                }

                return obj;
            default:
                JsonNode nested = new JsonArray();
                for (var i = 0; i < 20; i++)
                {
                    nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["type"] = nested };
                }

                return nested;
        }
    }

    private static string RawJunk(Random random) => random.Next(6) switch
    {
        0 => "{\"type\":\"message\"",
        1 => new string('[', 5000) + new string(']', 5000),
        2 => "\"just a string\"",
        3 => "{\"type\":\"message\",\"text\":\"\\ud800\\u0000\",\"conversation\":{\"id\":\"\\udfff\"},\"serviceUrl\":\"https://smba.trafficmanager.net/uk/\",\"channelId\":\"msteams\"}",
        4 => Encoding.Latin1.GetString([0xFF, 0xFE, 0x7B, 0x7D]),
        _ => "{\"type\":\"message\",\"type\":\"invoke\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"https://smba.trafficmanager.net/uk/\",\"channelId\":\"msteams\"}",
    };

    private static string Shorten(string body) => body.Length > 400 ? body[..400] + "…" : body;
}
