"""Pipeline components: each reads what earlier ones assigned and adds its own part."""
