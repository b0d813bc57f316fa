//! `vm.runInNewContext('a + b', { a: 10, b: 20 })`: prints 30.

fn main() -> Result<(), jsvm::Error> {
    let rt = jsvm::Runtime::new()?;
    #[derive(serde::Serialize)]
    struct Sandbox {
        a: i32,
        b: i32,
    }
    let context = rt.new_context(&Sandbox { a: 10, b: 20 }, Default::default())?;
    let result: i32 = context.eval("a + b")?;
    println!("{result}");
    Ok(())
}
