import "@fontsource-variable/inter";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { revealErrorsOnSubmit } from "./lib/reveal";

const target = document.getElementById("app");
if (!target) throw new Error("#app missing from index.html");

// Every form: its first error is scrolled into view and focused after a refused submit.
revealErrorsOnSubmit(document);

export default mount(App, { target });
