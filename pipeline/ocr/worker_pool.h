// WorkerPool — Tesseract workers shared by the threads of one Engine. A thread borrows a worker
// for one page and gives it back; workers are created on demand up to the pool's capacity, so
// at most that many pages are recognised at once, whatever mix of documents and pages asks, and
// no Tesseract instance is ever shared.
//
// Thread-safety: Acquire may be called from any thread; a lease is used by one thread at a time
// and may be handed to another (a page's recognising thread).
#ifndef VANBAN_PIPELINE_OCR_WORKER_POOL_H_
#define VANBAN_PIPELINE_OCR_WORKER_POOL_H_

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/ocr/tesseract_worker.h"

namespace vanban::ocr {

class WorkerPool {
 public:
  class Lease {
   public:
    Lease(WorkerPool* pool, std::unique_ptr<TesseractWorker> worker) : pool_(pool), worker_(std::move(worker)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (worker_) pool_->Return(std::move(worker_));
    }
    TesseractWorker* operator->() { return worker_.get(); }

   private:
    WorkerPool* pool_;
    std::unique_ptr<TesseractWorker> worker_;
  };

  // capacity: workers leased at once, at least 1.
  WorkerPool(std::string tessdata_dir, std::string language, int capacity)
      : tessdata_dir_(std::move(tessdata_dir)), language_(std::move(language)), capacity_(std::max(1, capacity)) {}

  int capacity() const { return capacity_; }
  // Checks that the language data loads by creating the first worker.
  Status Warm();
  // Waits while `capacity` workers are leased.
  StatusOr<Lease> Acquire();

 private:
  void Return(std::unique_ptr<TesseractWorker> worker);

  const std::string tessdata_dir_;
  const std::string language_;
  const int capacity_;
  std::mutex mutex_;
  std::condition_variable returned_;
  int leased_ = 0;
  std::vector<std::unique_ptr<TesseractWorker>> idle_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_WORKER_POOL_H_
