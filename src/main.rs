fn main() {
    std::process::exit(citater_query::cli::main())
}
