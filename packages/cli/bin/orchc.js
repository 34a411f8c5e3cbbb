#!/usr/bin/env node
import "../dist/orchc.js";
