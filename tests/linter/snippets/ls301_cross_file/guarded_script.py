from jobs import run_batch


def main():
    return run_batch([1, 2, 3])


if __name__ == "__main__":
    main()
