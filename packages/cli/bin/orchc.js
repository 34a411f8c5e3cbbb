#!/usr/bin/env node
import "../dist/bundle/orchc.js";
