"""Shared logic for the LLM knowledge base: data models, front matter, math, citations."""
