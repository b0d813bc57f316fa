//! HTTP parsers that JavaScript feeds itself: for the bytes of a stream the loop does not read
//! natively (a TLS socket's plaintext), where `net_binding` runs a socket's parser on its
//! reads. They report the same events as a socket's parser ([type, payload, ...] with
//! net_binding's event types), so js/net.js dispatches both alike.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use jsvm::engine::rquickjs::{Array, Ctx, Object, Result, TypedArray, Value};

use crate::fs_binding::bytes_arg;
use crate::http_parser::{ParseEvent, Parser};
use crate::net_binding::{
    head_value, trailers_value, EV_BODY, EV_COMPLETE, EV_HEAD, EV_PARSE_ERROR,
};
use crate::set_fn::set_fn;

thread_local! {
    static PARSERS: RefCell<HashMap<u32, Parser>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn with_parser<T>(id: u32, f: impl FnOnce(&mut Parser) -> T) -> Option<T> {
    PARSERS.with(|p| p.borrow_mut().get_mut(&id).map(f))
}

/// The events as a flat `[type, payload, ...]` array.
fn events<'js>(ctx: &Ctx<'js>, evs: Vec<ParseEvent>) -> Result<Array<'js>> {
    let arr = Array::new(ctx.clone())?;
    let mut i = 0;
    for e in evs {
        let (ty, v) = match e {
            ParseEvent::Head(h) => (EV_HEAD, head_value(ctx, h)?),
            ParseEvent::Body(b) => (EV_BODY, TypedArray::<u8>::new(ctx.clone(), b)?.into_value()),
            ParseEvent::Complete(t) => (EV_COMPLETE, trailers_value(ctx, t)?),
            ParseEvent::Error { code, reason } => {
                let a = Array::new(ctx.clone())?;
                a.set(0, code)?;
                a.set(1, reason)?;
                (EV_PARSE_ERROR, a.into_value())
            }
        };
        arr.set(i, ty)?;
        arr.set(i + 1, v)?;
        i += 2;
    }
    Ok(arr)
}

pub(crate) fn install<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> Result<()> {
    // httpParserNew(kind) -> id; kind 1: requests, 2: responses.
    set_fn(ctx, binding, "httpParserNew", |kind: i32| -> u32 {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1).max(1));
            id
        });
        PARSERS.with(|p| p.borrow_mut().insert(id, Parser::new(kind == 2)));
        id
    })?;
    // httpParserExecute(id, bytes) -> events.
    set_fn(
        ctx,
        binding,
        "httpParserExecute",
        |ctx: Ctx<'js>, id: u32, data: Value<'js>| -> Result<Array<'js>> {
            let data = bytes_arg(&data).unwrap_or_default();
            let evs = with_parser(id, |p| {
                let mut out = Vec::new();
                p.execute(&data, &mut out);
                out
            })
            .unwrap_or_default();
            events(&ctx, evs)
        },
    )?;
    // httpParserFinish(id) -> events: the stream ended.
    set_fn(
        ctx,
        binding,
        "httpParserFinish",
        |ctx: Ctx<'js>, id: u32| -> Result<Array<'js>> {
            let evs = with_parser(id, |p| {
                let mut out = Vec::new();
                p.finish(&mut out);
                out
            })
            .unwrap_or_default();
            events(&ctx, evs)
        },
    )?;
    set_fn(ctx, binding, "httpParserNoBody", |id: u32, on: bool| {
        with_parser(id, |p| p.expect_no_body = on);
    })?;
    set_fn(ctx, binding, "httpParserIdle", |id: u32| -> bool {
        with_parser(id, |p| p.idle()).unwrap_or(true)
    })?;
    // httpParserTakeRest(id) -> the bytes after an upgrade's head; the parser is gone.
    set_fn(
        ctx,
        binding,
        "httpParserTakeRest",
        |ctx: Ctx<'js>, id: u32| -> Result<Value<'js>> {
            let rest = PARSERS
                .with(|p| p.borrow_mut().remove(&id))
                .map(|mut p| p.take_rest())
                .unwrap_or_default();
            Ok(TypedArray::<u8>::new(ctx, rest)?.into_value())
        },
    )?;
    set_fn(ctx, binding, "httpParserFree", |id: u32| {
        PARSERS.with(|p| p.borrow_mut().remove(&id));
    })?;
    Ok(())
}
