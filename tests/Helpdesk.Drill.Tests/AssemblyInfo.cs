// One server pair for the assembly and drills that each load the whole machine: one test at a time.
[assembly: DoNotParallelize]
