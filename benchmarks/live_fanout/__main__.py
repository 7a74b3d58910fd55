from benchmarks.live_fanout.cli import main

raise SystemExit(main())
