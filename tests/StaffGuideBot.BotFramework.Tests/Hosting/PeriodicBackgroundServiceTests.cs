using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Tests.Connector;

namespace StaffGuideBot.BotFramework.Tests.Hosting;

/// <summary>The one loop for periodic work: ticks on the given clock, wakes on demand, survives a failed tick.</summary>
public sealed class PeriodicBackgroundServiceTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task It_runs_once_per_period_of_the_given_clock_and_not_before()
    {
        var clock = new WatchedClock();
        using var logs = new ListLoggerProvider();
        using var work = new CountingWork(clock, logs.CreateLogger("work"));
        await work.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync();

        clock.Advance(Period - TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.Equal(0, work.Runs);

        clock.Advance(TimeSpan.FromSeconds(1));
        await work.WaitForRunsAsync(1);
        clock.Advance(Period);
        await work.WaitForRunsAsync(2);

        await work.StopAsync(CancellationToken.None);
        Assert.Equal(2, work.Runs);
    }

    [Fact]
    public async Task Work_that_asks_to_run_at_start_runs_at_once_and_a_wake_runs_it_again_without_waiting_for_the_period()
    {
        var clock = new WatchedClock();
        using var logs = new ListLoggerProvider();
        using var work = new CountingWork(clock, logs.CreateLogger("work"), runAtStart: true);
        await work.StartAsync(CancellationToken.None);
        await work.WaitForRunsAsync(1);

        work.Wake();
        await work.WaitForRunsAsync(2);

        await work.StopAsync(CancellationToken.None);
        Assert.Equal(2, work.Runs);
    }

    [Fact]
    public async Task A_failed_tick_is_logged_by_its_exception_type_only_and_the_next_tick_still_comes()
    {
        var clock = new WatchedClock();
        using var logs = new ListLoggerProvider();
        using var work = new CountingWork(clock, logs.CreateLogger("work")) { FailFirst = true };
        await work.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync();

        clock.Advance(Period);
        await work.WaitForRunsAsync(1);
        clock.Advance(Period);
        await work.WaitForRunsAsync(2);
        await work.StopAsync(CancellationToken.None);

        var failure = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Counting work failed (InvalidOperationException)", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pic of me", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_without_an_error()
    {
        var clock = new WatchedClock();
        using var logs = new ListLoggerProvider();
        using var work = new CountingWork(clock, logs.CreateLogger("work"));
        await work.StartAsync(CancellationToken.None);

        await work.StopAsync(CancellationToken.None).WaitAsync(Wait);
        clock.Advance(Period * 3);
        await Task.Delay(50);

        Assert.Equal(0, work.Runs);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    /// <summary>A fake clock that says when the loop has set its timer (the loop starts on the thread pool).</summary>
    private sealed class WatchedClock : FakeTimeProvider
    {
        private int _timers;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted once the timer exists: a test that moves the clock sooner would move it before the timer's start.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _timers);
            return timer;
        }

        public async Task WaitForTimerAsync()
        {
            var deadline = DateTime.UtcNow + Wait;
            while (Volatile.Read(ref _timers) == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the loop never set its timer");
                await Task.Delay(10);
            }
        }
    }

    private sealed class CountingWork(TimeProvider clock, ILogger logger, bool runAtStart = false) : PeriodicBackgroundService(clock, logger)
    {
        private int _runs;

        public bool FailFirst { get; init; }

        public int Runs => Volatile.Read(ref _runs);

        protected override TimeSpan Period => PeriodicBackgroundServiceTests.Period;

        protected override string WorkName => "Counting work";

        protected override bool RunAtStart => runAtStart;

        public async Task WaitForRunsAsync(int runs)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (Runs < runs)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {runs} runs, saw {Runs}");
                await Task.Delay(10);
            }
        }

        protected override Task RunOnceAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            return FailFirst && run == 1
                ? throw new InvalidOperationException("the report said: pic of me")
                : Task.CompletedTask;
        }
    }
}
