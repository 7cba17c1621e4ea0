System.Console.WriteLine("webpush: coming soon");
