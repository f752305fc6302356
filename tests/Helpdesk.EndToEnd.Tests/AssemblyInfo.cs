// One server pair is shared and one test restarts Dovecot: run the tests one after another.
[assembly: DoNotParallelize]
