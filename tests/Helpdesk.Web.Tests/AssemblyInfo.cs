// One test class at a time. With classes in parallel, the trainer pages' class (one desk shared by its tests) saw
// empty template lists once in a full run, and never alone; each desk here is a whole web host in this one process,
// so the classes share process-wide state that a deployed desk (one per process) never shares. Not yet explained:
// see the closing note of 2026-11-22.
[assembly: DoNotParallelize]
