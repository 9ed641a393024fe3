using System.Runtime.ExceptionServices;

namespace Workbench.Web.Import;

/// <summary>
/// Runs <c>prepare(0)</c>, <c>prepare(1)</c>… ahead of a consumer that takes the results in order: helper threads (one per core but
/// one) work at most <c>window</c> items ahead, and the consumer prepares an item itself when no helper has started it, so every core
/// is busy whether the consumer is writing or waiting. The helpers are threads of their own, not pool threads: the consumer's
/// awaits (database round trips inside a transaction) must not queue behind parse work for a pool thread. A thread started here
/// carries the caller's execution context, so refusals are worded in the caller's language.
/// </summary>
internal sealed class PrepareAhead<T> : IDisposable
{
    private readonly Func<int, T> prepare;
    private readonly int count;
    private readonly int window;
    private readonly T[] results;
    private readonly ExceptionDispatchInfo?[] failures;
    private readonly bool[] done;
    private readonly object gate = new(); // Monitor.Wait/PulseAll need a monitor, not a System.Threading.Lock
    private int claimed = -1;
    private int consumed = -1;
    private bool stopped;

    public PrepareAhead(int count, Func<int, T> prepare, int window)
    {
        (this.count, this.prepare, this.window) = (count, prepare, window);
        (results, failures, done) = (new T[count], new ExceptionDispatchInfo?[count], new bool[count]);
        var helpers = count <= 1 ? 0 : Math.Min(count - 1, Math.Max(1, Environment.ProcessorCount - 1));
        for (var i = 0; i < helpers; i++)
        {
            new Thread(Help) { IsBackground = true, Name = "Workbench import" }.Start();
        }
    }

    /// <summary>Item <paramref name="index"/>'s result; items are taken in order, each once.</summary>
    public T Take(int index)
    {
        bool mine;
        lock (gate)
        {
            consumed = index;
            mine = index > claimed;
            if (mine)
            {
                claimed = index;
            }

            Monitor.PulseAll(gate); // helpers waiting for the window to move on
            while (!mine && !done[index])
            {
                Monitor.Wait(gate);
            }
        }

        if (mine)
        {
            Run(index);
        }

        failures[index]?.Throw();
        // Taken once: the slot lets go of the parsed page, so a batch of 256 files holds the pages read ahead and the group being
        // written, not every page read so far.
        var result = results[index];
        results[index] = default!;
        return result;
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            Monitor.PulseAll(gate);
        }
    }

    private void Help()
    {
        while (true)
        {
            int index;
            lock (gate)
            {
                while (!stopped && claimed + 1 < count && claimed + 1 > consumed + window)
                {
                    Monitor.Wait(gate);
                }

                if (stopped || claimed + 1 >= count)
                {
                    return;
                }

                index = ++claimed;
            }

            Run(index);
        }
    }

    private void Run(int index)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        try
        {
            result = prepare(index);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }

        lock (gate)
        {
            (results[index], failures[index], done[index]) = (result, failure, true);
            Monitor.PulseAll(gate);
        }
    }
}
