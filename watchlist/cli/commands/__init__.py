"""The commands, one module each, named after the command it declares as `COMMAND`
(a `watchlist.cli.command.Command`): its arguments, its handler, and how it prints,
as JSON and for people. Nothing lists them: a new module is a new command."""
