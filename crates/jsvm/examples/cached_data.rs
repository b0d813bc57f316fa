//! Cached data: compile once, keep the bytes, compile again from them without parsing.
//! Prints whether the data was accepted, and the result of running the script.

fn main() -> Result<(), jsvm::Error> {
    let source = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(20)";
    let rt = jsvm::Runtime::new()?;
    let first = rt.compile(source, Default::default())?;
    let data = rt.with_ctx(|ctx| first.cached_data(&ctx))?;
    println!("cached data: {} bytes", data.len());

    let again = rt.compile(
        source,
        jsvm::ScriptOptions {
            cached_data: Some(data.clone()),
            ..Default::default()
        },
    )?;
    println!("rejected: {:?}", again.cached_data_rejected());
    let context = rt.new_empty_context(Default::default())?;
    println!(
        "fib(20) = {}",
        context.run::<i32>(&again, &Default::default())?
    );

    let other = rt.compile(
        "1 + 1",
        jsvm::ScriptOptions {
            cached_data: Some(data),
            ..Default::default()
        },
    )?;
    println!(
        "for another source, rejected: {:?}",
        other.cached_data_rejected()
    );
    Ok(())
}
