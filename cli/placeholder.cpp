// kg_cli needs one source until the CLI lands.
namespace kg::cli {}
