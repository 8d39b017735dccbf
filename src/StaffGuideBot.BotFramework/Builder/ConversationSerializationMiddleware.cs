using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Runs the turns of one conversation one at a time, so two quick clicks on a card never race over the same state.
/// Different conversations run in parallel. (One process; several instances need the storage's ETags as well.)
/// </summary>
public sealed class ConversationSerializationMiddleware : IMiddleware
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>The number of conversations with a turn running or waiting (for tests and diagnostics).</summary>
    public int ActiveConversations => _gates.Count;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var key = turnContext.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(key))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        var gate = Acquire(key);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await next(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Release(key, gate);
        }
    }

    private Gate Acquire(string key)
    {
        while (true)
        {
            var gate = _gates.GetOrAdd(key, _ => new Gate());
            lock (gate)
            {
                if (!gate.Retired)
                {
                    gate.Users++;
                    return gate;
                }
            }
        }
    }

    private void Release(string key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Retired = true;
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Retired { get; set; }
    }
}
