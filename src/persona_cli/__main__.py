from persona_cli.cli import main

raise SystemExit(main())
