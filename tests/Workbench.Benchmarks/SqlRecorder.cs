using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbench.Benchmarks;

/// <summary>
/// Records the SQL the app runs (text, parameters, duration) while <see cref="Recording"/> is on: the per-query
/// profile of a request, whose slow statements the scale benchmark then explains with EXPLAIN QUERY PLAN.
/// </summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    public sealed record Command(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters, double Ms);

    private readonly ConcurrentQueue<Command> commands = new();

    public bool Recording { get; set; }

    public IReadOnlyList<Command> Take()
    {
        var list = new List<Command>();
        while (commands.TryDequeue(out var c))
        {
            list.Add(c);
        }

        return list;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Add(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Add(command, eventData);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Add(command, eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <summary>Transaction begin and commit times, recorded as "BEGIN"/"COMMIT" commands.</summary>
    public IInterceptor Transactions => new TransactionRecorder(this);

    private void Add(DbCommand command, CommandExecutedEventData eventData)
    {
        if (Recording)
        {
            commands.Enqueue(new Command(
                command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList(),
                eventData.Duration.TotalMilliseconds));
        }
    }

    private sealed class TransactionRecorder(SqlRecorder recorder) : DbTransactionInterceptor
    {
        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            recorder.Record("BEGIN", eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            recorder.Record("COMMIT", eventData.Duration);
            return Task.CompletedTask;
        }
    }

    private void Record(string what, TimeSpan duration)
    {
        if (Recording)
        {
            commands.Enqueue(new Command(what, [], duration.TotalMilliseconds));
        }
    }
}
