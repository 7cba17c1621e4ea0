namespace Pushwright.Sample.Fanout;

/// <summary>The text of <c>fanout --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        fanout: one Web Push message to every stored subscription, spread over worker processes.
        RabbitMQ carries batches of subscription ids; PostgreSQL holds the subscriptions, the
        broadcasts, and one outcome per subscription and broadcast.

        Usage:
          fanout init                          create the tables and queues (every command also does)
          fanout import [FILE]                 store subscriptions: one browser PushSubscription JSON
                                               per line, from FILE or standard input
          fanout broadcast --payload TEXT [--ttl SECONDS]
                                               record a broadcast and queue its batches (the
                                               coordinator); prints the broadcast id. TTL: 3600
          fanout worker                        send batches until Ctrl+C or SIGTERM; run several
          fanout status ID                     counts per outcome of a broadcast
          fanout --help                        this text

        Settings: environment variables, or the same keys in appsettings.json next to the program.
          FANOUT_POSTGRES                Postgres            Npgsql connection string, e.g.
                                                             Host=127.0.0.1;Username=fanout;Password=...;Database=fanout
          FANOUT_RABBITMQ                RabbitMQ            AMQP URI, e.g. amqp://fanout:...@127.0.0.1:5672/fanout
          FANOUT_WEBPUSH__SUBJECT        WebPush:Subject     VAPID contact: mailto: or https: (worker)
          FANOUT_WEBPUSH__PUBLICKEY      WebPush:PublicKey   VAPID public key, base64url (worker)
          FANOUT_WEBPUSH__PRIVATEKEY     WebPush:PrivateKey  VAPID private key, base64url (worker)
          FANOUT_WEBPUSH__...            WebPush:...         any other option of AddWebPush(), e.g.
                                                             FANOUT_WEBPUSH__MAXCONCURRENCY=32,
                                                             FANOUT_WEBPUSH__RESILIENCE__MAXRETRYATTEMPTS=2
          FANOUT_QUEUE                   Queue               work queue (default fanout.batches; its
                                                             companions are <queue>.retry and <queue>.poison)
          FANOUT_BATCHSIZE               BatchSize           ids per message (default 500)
          FANOUT_PREFETCH                Prefetch            unacknowledged batches per worker (default 2)
          FANOUT_MAXATTEMPTS             MaxAttempts         tries before a retryable failure is
                                                             recorded as failed (default 5)
          FANOUT_RETRYDELAY              RetryDelay          wait in the retry queue (default 00:00:30;
                                                             longer when a push service's Retry-After asks)
          FANOUT_ALLOWLOOPBACKPUSHSERVICES AllowLoopbackPushServices
                                                             true only for tests with push services on
                                                             http://127.0.0.1

        Exit codes: 0 done, 1 failed, 2 usage or settings error.
        """;
}
