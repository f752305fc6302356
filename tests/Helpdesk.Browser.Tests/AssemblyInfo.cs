// Two cores: one browser and one desk at a time keep the timings of the UI honest and the machine responsive.
[assembly: DoNotParallelize]
