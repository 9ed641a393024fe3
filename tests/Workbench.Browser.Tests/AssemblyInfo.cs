// One Chromium and one Kestrel host at a time: the CI machine has 2 cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
