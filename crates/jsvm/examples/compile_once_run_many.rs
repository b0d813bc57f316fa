//! Compile once, run in many contexts: each sandbox gets its own `globalVar`.
//! Prints `[{"globalVar":"set"},{"globalVar":"set"},{"globalVar":"set"}]`.

use std::collections::BTreeMap;

fn main() -> Result<(), jsvm::Error> {
    let rt = jsvm::Runtime::new()?;
    let script = rt.compile("globalVar = 'set'", Default::default())?;
    let mut sandboxes = Vec::new();
    for _ in 0..3 {
        let context = rt.new_context(&BTreeMap::<String, String>::new(), Default::default())?;
        context.run::<String>(&script, &Default::default())?;
        let mut map = BTreeMap::new();
        map.insert("globalVar".to_string(), context.get::<String>("globalVar")?);
        sandboxes.push(map);
    }
    let text: Vec<String> = sandboxes
        .iter()
        .map(|m| format!("{{\"globalVar\":\"{}\"}}", m["globalVar"]))
        .collect();
    println!("[{}]", text.join(","));
    Ok(())
}
