using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StaffGuideBot.BotFramework.Tests.Connector;

/// <summary>What the stub answers to one request.</summary>
public sealed record StubResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Closes the connection without an answer (the client sees an <see cref="HttpRequestException"/>).</summary>
    public bool Abort { get; init; }

    /// <summary>Never answers (until the client gives up).</summary>
    public bool Hang { get; init; }

    public static StubResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(h => h.Name, h => h.Value));

    public static StubResponse Error(int status, string code, string message, params (string Name, string Value)[] headers) =>
        Json(status, System.Text.Json.JsonSerializer.Serialize(new { error = new { code, message } }), headers);
}

/// <summary>A request as the stub received it.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ContentType, string Body);

/// <summary>
/// A Bot Connector stand-in on 127.0.0.1 with a random port (Kestrel). It records every request and answers the
/// scripted responses in order; when none are left it answers like the mock connector: 201 <c>{"id":"&lt;n&gt;"}</c>.
/// Its service URL has a path (<c>/_connector</c>), as the Agents Playground's has.
/// </summary>
public sealed class StubConnectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _nextId = 1000;

    private StubConnectorServer(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<StubConnectorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new StubConnectorServer(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.ServiceUrl = address.TrimEnd('/') + "/_connector/";
        return stub;
    }

    /// <summary>Queues answers for the next requests, in order.</summary>
    public void Enqueue(params StubResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            rawTarget,
            context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null,
            context.Request.ContentType,
            body));

        if (!_script.TryDequeue(out var response))
        {
            response = StubResponse.Json(201, $$"""{"id":"{{Interlocked.Increment(ref _nextId)}}"}""");
        }

        if (response.Abort)
        {
            context.Abort();
            return;
        }

        if (response.Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.Body.StartsWith('<') ? "text/html" : "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
