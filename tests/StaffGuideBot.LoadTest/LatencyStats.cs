namespace StaffGuideBot.LoadTest;

/// <summary>Summary statistics of request latencies, in milliseconds.</summary>
internal sealed record LatencyStats(double P50, double P90, double P99, double Max, double Mean)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0);

    /// <summary>Nearest-rank percentiles of <paramref name="millis"/> (sorted in place).</summary>
    public static LatencyStats From(double[] millis)
    {
        ArgumentNullException.ThrowIfNull(millis);
        if (millis.Length == 0)
        {
            return Empty;
        }

        Array.Sort(millis);
        var sum = 0.0;
        foreach (var value in millis)
        {
            sum += value;
        }

        return new LatencyStats(Percentile(millis, 50), Percentile(millis, 90), Percentile(millis, 99), millis[^1], sum / millis.Length);
    }

    /// <summary>The nearest-rank percentile of a sorted, non-empty array: the smallest value with at least p% of values at or below it.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
