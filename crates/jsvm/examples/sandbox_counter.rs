//! The seed's sandbox counter: a script run ten times in one context updates its sandbox.
//! Prints `{"animal":"cat","count":12,"name":"kitty"}`.

#[derive(serde::Serialize)]
struct Sandbox {
    animal: &'static str,
    count: i32,
}

fn main() -> Result<(), jsvm::Error> {
    let rt = jsvm::Runtime::new()?;
    let context = rt.new_context(
        &Sandbox {
            animal: "cat",
            count: 2,
        },
        Default::default(),
    )?;
    let script = rt.compile("count += 1; name = 'kitty';", Default::default())?;
    for _ in 0..10 {
        context.run::<String>(&script, &Default::default())?;
    }
    let result: String = context.eval("JSON.stringify({ animal, count, name })")?;
    println!("{result}");
    Ok(())
}
