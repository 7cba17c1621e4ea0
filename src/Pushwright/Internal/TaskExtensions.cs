#if !NET8_0_OR_GREATER
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Internal;

/// <summary>Task.WaitAsync for netstandard2.0, whose streams may ignore a cancellation token.</summary>
internal static class TaskExtensions
{
    /// <summary>
    /// Completes with <paramref name="task"/>, or throws <see cref="System.OperationCanceledException"/>
    /// as soon as <paramref name="cancellationToken"/> is cancelled; the abandoned task's failure is observed.
    /// </summary>
    public static async Task<T> WaitForAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        if (!task.IsCompleted)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        return await task.ConfigureAwait(false);
    }
}
#endif
