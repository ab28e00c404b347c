"""Three small tasks for multi-turn conversations (Python standard library only):

1. render_chatml: render messages as a ChatML string (the format used by Qwen and other models)
2. build_labels: build token-level labels, marking non-assistant parts as -100 (the loss ignores these positions)
3. truncate_history: trim the history to a token budget, keeping the system message and the most recent turns

The demo "tokenizer" counts each special token, newline, run of whitespace and English word as one token, and splits
every other character on its own; for a real model, swap in the model's own tokenizer, the rules stay the same.
Run: python examples/en/chat_template.py
"""

from __future__ import annotations

import re
from itertools import groupby

IM_START, IM_END = "<|im_start|>", "<|im_end|>"
IGNORE_INDEX = -100  # the label value PyTorch's cross-entropy loss ignores by default

TOKEN_RE = re.compile(r"<\|im_start\|>|<\|im_end\|>|\n|[ \t]+|[A-Za-z0-9_]+|.", re.S)


def tokenize(text: str) -> list[str]:
    """Demo tokenization: lossless, "".join(tokenize(s)) == s."""
    return TOKEN_RE.findall(text)


def render_message(message: dict) -> str:
    return f"{IM_START}{message['role']}\n{message['content']}{IM_END}\n"


def render_chatml(messages: list[dict], add_generation_prompt: bool = False) -> str:
    """ChatML: each message is written as <|im_start|>role\\ncontent<|im_end|>\\n;
    add_generation_prompt=True appends <|im_start|>assistant\\n, prompting the model to start its answer."""
    text = "".join(render_message(m) for m in messages)
    if add_generation_prompt:
        text += f"{IM_START}assistant\n"
    return text


def build_labels(messages: list[dict]) -> tuple[list[str], list[int], list[int]]:
    """Return (tokens, input_ids, labels).

    Only the "content + <|im_end|>" of assistant messages counts toward the loss: the model has to learn both
    to answer and where to stop; the role header <|im_start|>assistant\\n, system/user messages and the newlines
    between messages are all set to -100. Labels are aligned position by position with the inputs; the shift by
    one position for "predict the next token" is done by the training framework when it computes the loss.
    """
    vocab: dict[str, int] = {}
    tokens: list[str] = []
    labels_mask: list[bool] = []
    for m in messages:
        header = f"{IM_START}{m['role']}\n"
        body = f"{m['content']}{IM_END}"
        train = m["role"] == "assistant"
        for piece, trainable in ((header, False), (body, train), ("\n", False)):
            for tok in tokenize(piece):
                tokens.append(tok)
                labels_mask.append(trainable)
    input_ids = [vocab.setdefault(t, len(vocab)) for t in tokens]
    labels = [i if keep else IGNORE_INDEX for i, keep in zip(input_ids, labels_mask)]
    return tokens, input_ids, labels


def count_tokens(message: dict) -> int:
    return len(tokenize(render_message(message)))


def truncate_history(messages: list[dict], max_tokens: int, reserve: int = 0) -> list[dict]:
    """Keep as many of the most recent turns as fit within max_tokens (the context length).

    - A system message at the start is always kept;
    - a "turn" starts with a user message and includes the assistant (and tool) messages after it; a turn is
      kept or dropped as a whole;
    - the last turn (the current question) must be kept;
    - reserve is the number of tokens set aside for this answer; the generation prompt
      <|im_start|>assistant\\n is counted as well.
    """
    system = [m for m in messages[:1] if m["role"] == "system"]
    rest = messages[len(system):]
    turns: list[list[dict]] = []
    for m in rest:
        if m["role"] == "user" or not turns:
            turns.append([m])
        else:
            turns[-1].append(m)
    budget = max_tokens - reserve - len(tokenize(f"{IM_START}assistant\n"))
    budget -= sum(count_tokens(m) for m in system)
    kept: list[list[dict]] = []
    for turn in reversed(turns):
        cost = sum(count_tokens(m) for m in turn)
        if cost > budget:
            break
        kept.append(turn)
        budget -= cost
    if turns and not kept:
        raise ValueError("预算不足：连 system 加最新一轮都放不下，请缩短输入或加大上下文长度")
    return system + [m for turn in reversed(kept) for m in turn]


def main() -> None:
    messages = [
        {"role": "system", "content": "你是旅行助手。回答不超过两句话。"},
        {"role": "user", "content": "我想去杭州玩。"},
        {"role": "assistant", "content": "好的，推荐西湖和灵隐寺。"},
        {"role": "user", "content": "住哪里方便？"},
        {"role": "assistant", "content": "住在西湖附近最方便。"},
        {"role": "user", "content": "那第二天呢？"},
    ]
    print(render_chatml(messages, add_generation_prompt=True))

    tokens, _, labels = build_labels(messages[:3])
    parts = []
    for masked, group in groupby(zip(tokens, labels), key=lambda p: p[1] == IGNORE_INDEX):
        group = list(group)
        parts.append(f"[-100×{len(group)}]" if masked else "".join(t for t, _ in group))
    print("前三条消息的标签：", "".join(parts))

    full = len(tokenize(render_chatml(messages, add_generation_prompt=True)))
    short = truncate_history(messages, max_tokens=full - 5)
    print(f"\n完整提示 {full} 个 token；预算 {full - 5} 时保留：")
    for m in short:
        print(f"  [{m['role']}] {m['content']}")


if __name__ == "__main__":
    main()
